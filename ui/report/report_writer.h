#pragma once
// Writes a report as PDF (QPdfWriter, vector charts, embedded fonts, page numbers and the reproducibility
// stamp on every page) or as one standalone HTML file with inline SVG charts. Needs a QApplication; call
// ensureHeadlessPlatform() before creating it so that it also runs without a display.
#include <string>

#include <QImage>

#include "ui/report/report_content.h"

namespace headroom::report {

// Selects Qt's offscreen platform when there is no display (no DISPLAY, no WAYLAND_DISPLAY) and the user
// chose no platform: a report must render on a headless server.
void ensureHeadlessPlatform();

// Page 1 of the PDF as an image (the GUI's preview before saving): the same layout and DPI as the PDF,
// `scale` times the pixels. `pageCount` receives the number of pages the PDF would have.
QImage renderFirstPage(const ReportInput& input, const ReportDocument& doc, double scale = 1.0, int* pageCount = nullptr);

void writePdfReport(const ReportInput& input, const ReportDocument& doc, const std::string& path);
void writeHtmlReport(const ReportInput& input, const ReportDocument& doc, const std::string& path);

// Builds the document and writes `path` as PDF or HTML by its extension (.pdf, .html/.htm). Throws
// std::runtime_error naming the file when the extension is unknown or the file cannot be written.
ReportDocument writeReport(const ReportInput& input, const std::string& path);

}  // namespace headroom::report
