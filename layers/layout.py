"""Print layouts for planning map sheets (规划图件): fill a template from resources/templates/ with
the given layers, title, legend, metric scale bar, north arrow, CRS/date, data sources and the
planning unit, then export it to PDF or PNG.

The template's items are found by id ("map", "title", "subtitle", "legend", "scalebar",
"north_arrow", "crs_date", "sources", "planning_unit"), so a planner can redesign a sheet in the
layout designer and keep it working as long as the ids stay."""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsLayerTree,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutUtils,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProcessingException,
    QgsRasterLayer,
    QgsReadWriteContext,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsSymbolLayerUtils,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QDate, Qt
from qgis.PyQt.QtGui import QFont, QFontDatabase
from qgis.PyQt.QtXml import QDomDocument

from ..translation import tr
from . import compat
from . import crs as crs_utils

PLUGIN_DIR = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PLUGIN_DIR / "resources" / "templates"
SAMPLE_SOURCES = PLUGIN_DIR / "resources" / "sample_data" / "SOURCES.md"
TEMPLATES = ("a4_landscape", "a4_portrait", "a3_landscape", "a3_portrait")
ITEM_IDS = ("map", "title", "subtitle", "legend", "scalebar", "north_arrow", "crs_date", "sources", "planning_unit")
# Chinese-capable families in order of preference: Linux (fonts-noto-cjk), Windows, macOS, others
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Microsoft YaHei",
    "SimHei",
    "Source Han Sans SC",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "Noto Sans SC",
)
LATIN_FAMILIES = ("DejaVu Sans", "Noto Sans", "Arial", "Liberation Sans", "Helvetica")
SHEET_FONT = "Urbanization Planning Sheet"
NORTH_ARROW_SVG = "arrows/NorthArrow_02.svg"
# The scale series of Chinese planning drawings (1:500 detailed plans ... 1:50000 and smaller for
# territorial plans); sheets use the smallest that shows the whole extent.
PLAN_SCALES = (500, 1000, 2000, 5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000)
CGCS2000_NAME = "2000国家大地坐标系"
DEFAULT_HEIGHT_DATUM = "1985国家高程基准"
TITLE_BLOCK_ROW_MM = 5.5


@dataclass
class SheetContent:
    """What goes on the sheet besides the map."""

    title: str
    subtitle: str = ""
    planning_unit: str = ""
    extra_sources: str = ""
    date: str = field(default_factory=lambda: QDate.currentDate().toString("yyyy-MM-dd"))
    project_name: str = ""
    drawing_number: str = ""
    scale: float | None = None  # one of PLAN_SCALES; None: the smallest that fits
    height_datum: str = ""  # stated when a DEM (raster) is on the sheet; "": 1985国家高程基准 on CGCS2000 sheets


@dataclass
class PlanningSheet:
    """A built layout, the legend's layer tree (owned by the legend) and what was chosen."""

    layout: QgsPrintLayout
    legend_root: QgsLayerTree
    map_crs: QgsCoordinateReferenceSystem
    scale: float
    sources: list[str]


def sheet_font_family() -> str:
    """A font alias for the sheet's text: Latin letters and digits from a Latin font, Chinese from
    the first installed of CJK_FAMILIES (Qt takes glyphs a font lacks from the next substitute).
    A CJK font alone renders digits fine but Qt's PDF writer loses their text (pdftotext and
    searching the PDF then miss the scale and dates), hence the Latin font first."""
    installed = set(QFontDatabase().families())
    chain = [f for f in LATIN_FAMILIES if f in installed][:1] + [f for f in CJK_FAMILIES if f in installed]
    if not chain:
        return QFont().family()
    QFont.removeSubstitutions(SHEET_FONT)
    QFont.insertSubstitutions(SHEET_FONT, chain)
    return SHEET_FONT


def template_path(name: str) -> Path:
    path = TEMPLATES_DIR / f"{name}.qpt"
    if not path.exists():
        raise QgsProcessingException(
            tr("The map template '{}' is missing ({}): reinstall the plugin or choose another template.").format(
                name, path
            )
        )
    return path


def load_template(project, path: Path) -> QgsPrintLayout:
    """A print layout of `project` from the .qpt file `path`, checked for the items the sheet needs."""
    document = QDomDocument()
    ok, message, line, _column = document.setContent(Path(path).read_text(encoding="utf-8"))
    if not ok:
        raise QgsProcessingException(
            tr("The map template {} is not valid XML (line {}): {}").format(path, line, message)
        )
    layout = QgsPrintLayout(project)
    _items, loaded = layout.loadFromTemplate(document, QgsReadWriteContext())
    if not loaded:
        raise QgsProcessingException(tr("QGIS could not read the map template {}.").format(path))
    missing = [item_id for item_id in ITEM_IDS if layout.itemById(item_id) is None]
    if missing:
        raise QgsProcessingException(
            tr("The map template {} lacks the items {}: give them these ids in the layout designer.").format(
                path, ", ".join(missing)
            )
        )
    return layout


def plan_scale(scale: float) -> int:
    """The smallest scale of the planning series PLAN_SCALES >= `scale` (the largest one beyond)."""
    if scale <= 0 or not math.isfinite(scale):
        raise ValueError(f"scale must be positive, got {scale}")
    return next((s for s in PLAN_SCALES if s >= scale * (1 - 1e-9)), PLAN_SCALES[-1])


def is_cgcs2000(crs) -> bool:
    """China Geodetic Coordinate System 2000, geographic or projected (Gauss-Kruger zones)."""
    description = crs.description()
    return "CGCS2000" in description or "CGCS 2000" in description or crs.authid() == "EPSG:4490"


_GAUSS_KRUGER = re.compile(r"(\d)-degree Gauss-Kruger (?:CM (\d+(?:\.\d+)?)([EW])|zone (\d+))", re.IGNORECASE)
_UTM = re.compile(r"UTM zone (\d+)([NS])", re.IGNORECASE)


def projection_statement(description: str) -> str | None:
    """The projection of a CRS description (PROJ's English, "CGCS2000 / 3-degree Gauss-Kruger CM
    102E") in the user's language (3度带高斯-克吕格投影 中央经线102°E); None for other projections."""
    gauss_kruger = _GAUSS_KRUGER.search(description)
    if gauss_kruger:
        width, meridian, side, zone = gauss_kruger.groups()
        if meridian:
            return tr("{}-degree Gauss-Kruger projection, central meridian {}°{}").format(width, meridian, side.upper())
        return tr("{}-degree Gauss-Kruger projection, zone {}").format(width, zone)
    utm = _UTM.search(description)
    if utm:
        hemisphere = tr("northern hemisphere") if utm.group(2).upper() == "N" else tr("southern hemisphere")
        return tr("UTM projection, zone {} ({})").format(utm.group(1), hemisphere)
    return None


def crs_statement(crs) -> str:
    """The CRS as Chinese plans state it: 2000国家大地坐标系 with its projection in words for
    CGCS2000-based systems (2000国家大地坐标系 3度带高斯-克吕格投影 中央经线102°E（EPSG:4543）),
    the datum and projection in words for UTM, the authority id and name otherwise."""
    description = crs.description()
    projection = projection_statement(description)
    if is_cgcs2000(crs):
        if projection is None and "/" in description:  # a CGCS2000 projection PROJ names otherwise
            projection = description.split("/", 1)[1].strip()
        return tr("{} ({})").format(f"{CGCS2000_NAME}{' ' + projection if projection else ''}", crs.authid())
    if projection is not None:
        return tr("{} ({})").format(f"{description.split('/', 1)[0].strip()} {projection}", crs.authid())
    return f"{crs.authid()} {description}"


def nice_length(length: float) -> float:
    """The largest {1, 2, 5} x 10^n not above `length` (a round scale-bar segment)."""
    exponent = math.floor(math.log10(length))
    for step in (5.0, 2.0, 1.0):
        if step * 10**exponent <= length:
            return step * 10**exponent
    return 10.0**exponent


def map_crs_for(project, layers) -> QgsCoordinateReferenceSystem:
    """The project CRS when it is true to scale over the layers (the working-CRS rule of
    layers/crs.py), else the working CRS around the first layer (Gauss-Kruger in China, UTM
    elsewhere): a geographic sheet would get a scale bar in degrees, a Web Mercator one a scale bar
    in stretched "metres" (10 % long at Kunming)."""
    project_crs = project.crs()
    if crs_utils.is_metric(project_crs):
        extent = layers_extent(layers, project_crs, project.transformContext())
        if extent is None or crs_utils.metric_crs_for(project_crs, extent, label=project_crs.authid()) == project_crs:
            return project_crs
    first = layers[0]
    return crs_utils.metric_crs_for(first.crs(), first.extent(), project, first.name())


def layers_extent(layers, map_crs, transform_context) -> QgsRectangle | None:
    """Union of the layers' extents in `map_crs`; None when no layer has an extent."""
    extent = None
    for layer in layers:
        layer_extent = layer.extent()
        if layer_extent.isNull() or not layer_extent.isFinite():
            continue
        transform = QgsCoordinateTransform(layer.crs(), map_crs, transform_context)
        box = transform.transformBoundingBox(layer_extent)
        if extent is None:
            extent = QgsRectangle(box)
        else:
            extent.combineExtentWith(box)
    return extent


def sheet_extent(
    layers,
    map_crs,
    transform_context,
    extent: QgsRectangle | None = None,
    extent_crs: QgsCoordinateReferenceSystem | None = None,
) -> QgsRectangle:
    """The map extent in `map_crs`: the given extent, or the layers' extent with a 5 % margin
    (a single point gets 250 m around it)."""
    if extent is not None and not extent.isNull():
        if extent.width() <= 0 or extent.height() <= 0:
            raise QgsProcessingException(
                tr(
                    "The map extent has zero width or height: draw an extent "
                    "with an area, or leave it empty to use the layers' extent."
                )
            )
        if extent_crs is not None and extent_crs.isValid() and extent_crs != map_crs:
            extent = QgsCoordinateTransform(extent_crs, map_crs, transform_context).transformBoundingBox(extent)
        return QgsRectangle(extent)
    combined = layers_extent(layers, map_crs, transform_context)
    if combined is None:
        raise QgsProcessingException(tr("The layers have no features to map: their extent is empty."))
    if combined.width() <= 0 or combined.height() <= 0:
        combined.grow(250.0)
    result = QgsRectangle(combined)
    result.scale(1.05)
    return result


def _sample_data_attributions() -> dict[str, str]:
    """File name -> licence and attribution of the bundled sample data (SOURCES.md table)."""
    if not SAMPLE_SOURCES.exists():
        return {}
    table = {}
    for line in SAMPLE_SOURCES.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4:
            for name in re.findall(r"`([^`]+)`", cells[0]):
                table[name] = cells[-1]
    return table


def layer_attribution(layer) -> str:
    """What the layer says about its source: its attribution, metadata rights and licences, or
    for the bundled sample data the line of resources/sample_data/SOURCES.md; '' when nothing."""
    attribution = compat.layer_attribution(layer)
    parts = [attribution] if attribution else []
    metadata = layer.metadata()
    parts.extend(r for r in metadata.rights() if r)
    parts.extend(r for r in metadata.licenses() if r)
    if not parts:
        source_file = Path(layer.source().split("|")[0]).name
        sample = _sample_data_attributions().get(source_file)
        if sample:
            parts.append(sample)
    unique = list(dict.fromkeys(p.strip() for p in parts if p.strip()))
    return "; ".join(unique)


def sources_lines(layers, extra: str = "") -> list[str]:
    """'attribution: layer, layer' per distinct attribution (layers without one listed by name)."""
    grouped: dict[str, list[str]] = {}
    for layer in layers:
        grouped.setdefault(layer_attribution(layer), []).append(layer.name())
    lines = [f"{attribution} ({', '.join(names)})" for attribution, names in grouped.items() if attribution]
    if "" in grouped:
        lines.append(tr("{} (source not recorded in the layer metadata)").format(", ".join(grouped[""])))
    if extra.strip():
        lines.append(extra.strip())
    return lines


def adopt_file_style(layer) -> None:
    """A layer opened from a file (a model's intermediate result, a qgis_process path): the style
    and name our algorithms embedded in the file (layers.styling.embed_style), so the sheet shows
    the domain style and a real legend name instead of the file name."""
    from qgis.core import QgsProviderRegistry

    from .styling import embedded_name

    if layer.providerType() not in ("ogr", "gdal"):
        return  # a memory layer of the run: styled and named by layers.styling.style_temporary_layer
    layer.loadDefaultStyle()
    name = embedded_name(layer)
    if not name and layer.providerType() == "ogr":  # "path|layername=stations": the layer's name, not the file's
        name = QgsProviderRegistry.instance().decodeUri("ogr", layer.source()).get("layerName") or ""
    if name:
        layer.setName(name)


def _set_label(layout, item_id: str, text: str, family: str) -> None:
    label: QgsLayoutItemLabel = layout.itemById(item_id)
    compat.set_label_font_family(label, family)
    label.setText(text)


def _set_legend(legend: QgsLayoutItemLegend, map_item, layers, family: str) -> QgsLayerTree:
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    legend.setTitle(tr("Legend"))
    root = legend.model().rootGroup()  # the legend's own tree (it owns it: no dangling pointer)
    root.removeAllChildren()
    for layer in reversed(layers):  # top layer first, as in the Layers panel
        root.addLayer(layer)
    for style in (
        QgsLegendStyle.Style.Title,
        QgsLegendStyle.Style.Group,
        QgsLegendStyle.Style.Subgroup,
        QgsLegendStyle.Style.SymbolLabel,
    ):
        compat.set_legend_font_family(legend, style, family)
    legend.setLegendFilterByMapEnabled(True)  # only the classes that are on the map
    legend.setWrapString("\n")
    _wrap_legend_labels(legend, root)
    legend.refresh()
    return root


def wrap_text(text: str, width_mm: float, font_size_pt: float) -> str:
    """`text` broken into lines that fit `width_mm` (CJK characters a full em wide, Latin about
    half): at spaces where there are any, anywhere in Chinese runs."""
    em_mm = font_size_pt * 0.3528
    limit = max(4.0, width_mm / em_mm)

    def width(chunk: str) -> float:
        return sum(1.0 if ord(ch) >= 0x2E80 else 0.55 for ch in chunk)

    lines, line = [], ""
    for token in re.findall(r"\S+\s*|\s+", text):
        if line and width(line + token.rstrip()) > limit:
            lines.append(line.rstrip())
            line = ""
        while width(token.rstrip()) > limit:  # a long unbroken run (Chinese): cut it
            cut = 1
            while cut < len(token) and width(token[: cut + 1]) <= limit:
                cut += 1
            lines.append(token[:cut])
            token = token[cut:]
        line += token
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


_RASTER_BAND = re.compile(r"^Band (\d+)(?: \(.*\))?$")


def _wrap_legend_labels(legend: QgsLayoutItemLegend, root: QgsLayerTree) -> None:
    """Layer titles and class labels wrapped to the legend's frame (long names were cut at it)."""
    from qgis.core import QgsLayerTreeLayer, QgsMapLayerLegendUtils

    model = legend.model()
    frame_mm = legend.sizeWithUnits().width()  # the templates are laid out in millimetres
    title_pt = compat.legend_font(legend, QgsLegendStyle.Style.Subgroup).pointSizeF()
    label_pt = compat.legend_font(legend, QgsLegendStyle.Style.SymbolLabel).pointSizeF()
    symbol_mm = legend.symbolWidth() + 4.0
    for node in root.findLayers():
        if not isinstance(node, QgsLayerTreeLayer):
            continue
        name = node.layer().name()
        node.setCustomProperty("legend/title-label", wrap_text(name, frame_mm - 2.0, title_pt))
        nodes = model.layerOriginalLegendNodes(node)
        if len(nodes) == 1:  # a heading like every other layer, not a line under the previous heading
            QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Style.Subgroup)
            QgsMapLayerLegendUtils.setLegendNodeUserLabel(node, 0, " ")
            model.refreshLayerLegend(node)
            continue
        for index, legend_node in enumerate(nodes):
            text = str(legend_node.data(Qt.ItemDataRole.DisplayRole) or "")
            band = _RASTER_BAND.match(text) if isinstance(node.layer(), QgsRasterLayer) else None
            # QGIS's "Band 1 (Gray)" of an unstyled raster, in the user's language
            label = tr("Band {}").format(band.group(1)) if band else text
            wrapped = wrap_text(label, frame_mm - symbol_mm - 2.0, label_pt)
            if wrapped != text:
                QgsMapLayerLegendUtils.setLegendNodeUserLabel(node, index, wrapped)
        model.refreshLayerLegend(node)


def _set_scalebar(scalebar: QgsLayoutItemScaleBar, map_item: QgsLayoutItemMap, family: str) -> None:
    """Two round segments about a fifth of the map width, in m or km."""
    scalebar.setLinkedMap(map_item)
    map_width_m = map_item.extent().width()
    target = map_width_m / 5.0 / 2.0
    kilometres = target >= 1000.0
    unit_size = 1000.0 if kilometres else 1.0
    segment = nice_length(target / unit_size)
    scalebar.setUnits(
        QgsUnitTypes.DistanceUnit.DistanceKilometers if kilometres else QgsUnitTypes.DistanceUnit.DistanceMeters
    )
    scalebar.setMapUnitsPerScaleBarUnit(1.0)  # a label divisor on top of the units: keep 1
    scalebar.setUnitLabel(tr("km") if kilometres else tr("m"))
    scalebar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFixed)
    scalebar.setNumberOfSegments(2)
    scalebar.setNumberOfSegmentsLeft(0)
    scalebar.setUnitsPerSegment(segment)
    text_format = scalebar.textFormat()
    font = text_format.font()
    font.setFamily(family)
    text_format.setFont(font)
    scalebar.setTextFormat(text_format)
    scalebar.update()


def build_planning_sheet(
    project,
    template: str | Path,
    layers,
    content: SheetContent,
    extent: QgsRectangle | None = None,
    extent_crs: QgsCoordinateReferenceSystem | None = None,
) -> PlanningSheet:
    """The filled layout for `layers` (drawn in the given order: first at the bottom)."""
    if not layers:
        raise QgsProcessingException(tr("No layers to map: choose at least one layer."))
    path = Path(template) if str(template).endswith(".qpt") else template_path(str(template))
    if not path.exists():
        raise QgsProcessingException(tr("The map template file {} does not exist.").format(path))
    layout = load_template(project, path)
    layout.setName(content.title or path.stem)
    family = sheet_font_family()
    map_crs = map_crs_for(project, layers)
    map_item: QgsLayoutItemMap = layout.itemById("map")
    map_item.setCrs(map_crs)
    map_item.setLayers(list(reversed(layers)))  # setLayers wants the top layer first
    map_item.setKeepLayerSet(True)
    extent = sheet_extent(layers, map_crs, project.transformContext(), extent, extent_crs)
    size = map_item.sizeWithUnits()
    map_item.setExtent(extent)  # a template's map has no extent: zoomToExtent alone leaves it empty,
    map_item.attemptResize(size)  # and setExtent resizes the item to the extent's shape
    map_item.zoomToExtent(extent)
    scale = float(content.scale or plan_scale(map_item.scale()))
    map_item.setScale(scale)

    arrow: QgsLayoutItemPicture = layout.itemById("north_arrow")
    arrow.setPicturePath(QgsSymbolLayerUtils.svgSymbolNameToPath(NORTH_ARROW_SVG, QgsReadWriteContext().pathResolver()))
    arrow.setLinkedMap(map_item)
    arrow.setNorthMode(QgsLayoutItemPicture.NorthMode.TrueNorth)

    legend = layout.itemById("legend")
    _north_arrow_into_map(arrow, map_item, legend)
    rows = title_block_rows(content, scale)
    _make_room_for_title_block(legend, len(rows))
    available = legend.sizeWithUnits()
    root = _set_legend(legend, map_item, layers, family)
    _fit_legend(legend, available.width(), available.height())
    _add_title_block(layout, legend, rows, family, available.height())
    _set_scalebar(layout.itemById("scalebar"), map_item, family)
    sources = sources_lines(layers, content.extra_sources)
    _set_label(layout, "title", content.title, family)
    _set_label(layout, "subtitle", content.subtitle, family)
    datum = ""
    height_datum = content.height_datum.strip() or (DEFAULT_HEIGHT_DATUM if is_cgcs2000(map_crs) else "")
    if height_datum and any(isinstance(layer, QgsRasterLayer) for layer in layers):
        datum = tr("   Heights: {}").format(height_datum)
    _set_label(
        layout,
        "crs_date",
        tr("Scale 1:{}   CRS: {}{}   Date: {}").format(f"{scale:,.0f}", crs_statement(map_crs), datum, content.date),
        family,
    )
    _set_label(layout, "sources", tr("Data sources: {}").format("; ".join(sources)), family)
    _set_label(layout, "planning_unit", "", family)  # the organisation is in the title block
    layout.itemById("planning_unit").setVisibility(False)
    return PlanningSheet(layout, root, map_crs, scale, sources)


def title_block_rows(content: SheetContent, scale: float) -> list[tuple[str, str]]:
    """The 图签 of a planning drawing: project, drawing name and number, organisation, date, scale."""
    return [
        (tr("Project"), content.project_name.strip()),
        (tr("Drawing"), content.title.strip()),
        (tr("Drawing No."), content.drawing_number.strip()),
        (tr("Prepared by"), content.planning_unit.strip()),
        (tr("Date"), content.date),
        (tr("Scale"), f"1:{scale:,.0f}"),
    ]


def _make_room_for_title_block(legend: QgsLayoutItemLegend, rows: int) -> None:
    """The legend gives up the bottom of its column to the title block."""
    size = legend.sizeWithUnits()
    legend.setResizeToContents(False)
    legend.attemptResize(
        QgsLayoutSize(
            size.width(), size.height() - rows * TITLE_BLOCK_ROW_MM - 2.0, QgsUnitTypes.LayoutUnit.LayoutMillimeters
        )
    )


def _north_arrow_into_map(arrow, map_item, legend) -> None:
    """The north arrow in the map's top-right corner (as on planning drawings); when it sat above
    the legend, the legend column grows up into its place."""
    mm = QgsUnitTypes.LayoutUnit.LayoutMillimeters
    a_pos, a_size = arrow.positionWithUnits(), arrow.sizeWithUnits()
    l_pos, l_size = legend.positionWithUnits(), legend.sizeWithUnits()
    m_pos, m_size = map_item.positionWithUnits(), map_item.sizeWithUnits()
    width, height = 10.0, 14.0
    arrow.attemptResize(QgsLayoutSize(width, height, mm))
    arrow.attemptMove(QgsLayoutPoint(m_pos.x() + m_size.width() - width - 3.0, m_pos.y() + 3.0, mm))
    above_legend = (
        a_pos.y() + a_size.height() <= l_pos.y() + 0.01
        and a_pos.x() < l_pos.x() + l_size.width()
        and a_pos.x() + a_size.width() > l_pos.x()
    )
    if above_legend:
        legend.attemptMove(QgsLayoutPoint(l_pos.x(), a_pos.y(), mm))
        legend.attemptResize(QgsLayoutSize(l_size.width(), l_size.height() + l_pos.y() - a_pos.y(), mm))


def _fit_legend(legend: QgsLayoutItemLegend, width: float, height: float) -> None:
    """Shrink the legend's text and symbols (down to about 60 %) until it fits its box above the
    title block, then two columns if it still does not: a long legend is smaller, never cut or
    over the title block."""
    styles = (
        QgsLegendStyle.Style.Title,
        QgsLegendStyle.Style.Group,
        QgsLegendStyle.Style.Subgroup,
        QgsLegendStyle.Style.SymbolLabel,
    )
    legend.setResizeToContents(False)
    for _step in range(6):
        legend.updateFilterByMap(False)  # measure only the classes on the map
        context = QgsLayoutUtils.createRenderContextForLayout(legend.layout(), None)  # as adjustBoxSize() does
        needed = QgsLegendRenderer(legend.model(), legend.legendSettings()).minimumSize(context)
        if needed.height() <= height:
            break
        if _step == 5:
            legend.setColumnCount(2)
            legend.setSplitLayer(True)
            break
        for style in styles:
            compat.edit_legend_font(legend, style, lambda font: font.setPointSizeF(font.pointSizeF() * 0.9))
            spacing = legend.style(style)
            for side in (QgsLegendStyle.Side.Top, QgsLegendStyle.Side.Bottom):
                spacing.setMargin(side, spacing.margin(side) * 0.85)
            legend.setStyle(style, spacing)
        legend.setSymbolHeight(legend.symbolHeight() * 0.9)
        legend.setSymbolWidth(legend.symbolWidth() * 0.9)
        legend.refresh()
    legend.attemptResize(QgsLayoutSize(width, height, QgsUnitTypes.LayoutUnit.LayoutMillimeters))


def _title_block_font(font, family: str, size: float, bold: bool) -> None:
    font.setFamily(family)
    font.setPointSizeF(size)
    font.setBold(bold)


def _add_title_block(
    layout, legend: QgsLayoutItemLegend, rows: list[tuple[str, str]], family: str, legend_height: float
) -> None:
    """A ruled two-column table (heading | entry) below the legend, in the legend's column."""
    from qgis.core import QgsFillSymbol

    position, size = legend.positionWithUnits(), legend.sizeWithUnits()
    left, width = position.x(), size.width()
    top = position.y() + legend_height + 2.0
    key_width = min(18.0, width * 0.32)
    mm = QgsUnitTypes.LayoutUnit.LayoutMillimeters
    for row, (key, value) in enumerate(rows):
        y = top + row * TITLE_BLOCK_ROW_MM
        for column, (x, w, text) in enumerate(((left, key_width, key), (left + key_width, width - key_width, value))):
            cell = QgsLayoutItemShape(layout)
            cell.setShapeType(QgsLayoutItemShape.Shape.Rectangle)
            cell.setSymbol(
                QgsFillSymbol.createSimple(
                    {
                        "color": "255,255,255,0",
                        "outline_color": "0,0,0",
                        "outline_width": "0.25",
                        "outline_width_unit": "MM",
                    }
                )
            )
            cell.attemptMove(QgsLayoutPoint(x, y, mm))
            cell.attemptResize(QgsLayoutSize(w, TITLE_BLOCK_ROW_MM, mm))
            cell.setId(f"title_block_cell_{row}_{column}")
            layout.addLayoutItem(cell)
            label = QgsLayoutItemLabel(layout)
            lines = wrap_text(text, w - 2.0, 6.5).split("\n") if text else [""]
            if len(lines) > 1:  # a long entry: two lines in a smaller size rather than cut
                lines = wrap_text(text, w - 2.0, 5.0).split("\n")[:2]
            compat.edit_label_font(
                label, partial(_title_block_font, family=family, size=6.5 if len(lines) == 1 else 5.0, bold=column == 0)
            )
            label.setText("\n".join(lines))
            label.setHAlign(Qt.AlignmentFlag.AlignHCenter if column == 0 else Qt.AlignmentFlag.AlignLeft)
            label.setVAlign(Qt.AlignmentFlag.AlignVCenter)
            label.setMarginX(1.0)
            label.attemptMove(QgsLayoutPoint(x, y, mm))
            label.attemptResize(QgsLayoutSize(w, TITLE_BLOCK_ROW_MM, mm))
            label.setId(f"title_block_{row}_{column}")
            layout.addLayoutItem(label)


def check_writable(path: str | Path) -> Path:
    """The output path, after checking its folder exists and can be written."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.suffix.lower() not in (".pdf", ".png"):
        raise QgsProcessingException(tr("The output {} must end in .pdf or .png.").format(path))
    if not folder.is_dir():
        raise QgsProcessingException(
            tr("The output folder {} does not exist: choose an existing folder.").format(folder)
        )
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise QgsProcessingException(
            tr("Cannot write {}: the folder or file is read-only. Choose another output path.").format(path)
        )
    return path


def export_sheet(sheet: PlanningSheet, output: str | Path, dpi: float = 300.0) -> Path:
    """Write the sheet to a PDF (text kept as text, so it can be searched and copied) or a PNG."""
    path = check_writable(output)
    exporter = QgsLayoutExporter(sheet.layout)
    if path.suffix.lower() == ".pdf":
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = dpi
        settings.rasterizeWholeImage = False
        settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText
        settings.appendGeoreference = False  # GDAL's PDF update crashes qgis_process 3.22 (double free)
        result = exporter.exportToPdf(str(path), settings)
    else:
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = dpi
        result = exporter.exportToImage(str(path), settings)
    if result != QgsLayoutExporter.ExportResult.Success:
        raise QgsProcessingException(
            tr(
                "QGIS could not write the map sheet {} (error {}): check that the "
                "folder is writable and the file is not open in another program."
            ).format(exporter.errorFile() or path, int(result))
        )
    return path
