// One standalone HTML file: inline CSS, charts as inline SVG (QSvgGenerator, the same QCustomPlot drawing
// as the PDF), no external references.
#include <qcustomplot.h>

#include <QBuffer>
#include <QSaveFile>
#include <QSvgGenerator>
#include <stdexcept>

#include "ui/report/report_charts.h"
#include "ui/report/report_writer.h"

namespace headroom::report {
namespace {

QString esc(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }

QString svgChart(const ReportInput& in, const Block& b) {
  constexpr int kWidth = 760, kHeight = 260;
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator svg;
  svg.setOutputDevice(&buffer);
  svg.setSize(QSize(kWidth, kHeight));
  svg.setViewBox(QRect(0, 0, kWidth, kHeight));
  svg.setTitle(QString::fromStdString(b.text));
  {
    QCPPainter painter(&svg);
    drawBlockChart(painter, QRectF(0, 0, kWidth, kHeight), in, b);
  }
  QString text = QString::fromUtf8(buffer.data());
  // Inline SVG needs neither the XML declaration nor the DOCTYPE.
  const int start = text.indexOf(QStringLiteral("<svg"));
  return start >= 0 ? text.mid(start) : text;
}

QString htmlTable(const Table& t) {
  QString h = QStringLiteral("<table><thead><tr>");
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    h += QStringLiteral("<th%1>%2</th>").arg(c < t.numeric.size() && t.numeric[c] ? QStringLiteral(" class=\"num\"") : QString(), esc(t.columns[c]));
  h += QStringLiteral("</tr></thead><tbody>");
  for (const auto& row : t.rows) {
    h += QStringLiteral("<tr>");
    for (std::size_t c = 0; c < row.size(); ++c)
      h += QStringLiteral("<td%1>%2</td>").arg(c < t.numeric.size() && t.numeric[c] ? QStringLiteral(" class=\"num\"") : QString(), esc(row[c]));
    h += QStringLiteral("</tr>");
  }
  return h + QStringLiteral("</tbody></table>\n");
}

const char* kStyle = R"(body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:14px;max-width:820px;margin:2em auto;color:#000}
h1{font-size:24px;margin-bottom:2px}h2{color:#1b3a6b;font-size:18px;margin-top:1.6em;border-bottom:1px solid #999}
.sub{color:#444;font-size:12px}.verdict{border:1px solid #666;border-left:6px solid #1b3a6b;background:#f4f4f4;padding:10px;font-weight:bold;font-size:16px}
.note{border:1px solid #666;padding:8px;font-style:italic;font-size:12px}table{border-collapse:collapse;margin:6px 0 12px;font-size:12px}
th{background:#ddd;text-align:left}th,td{padding:3px 6px;border-bottom:1px solid #aaa}tr:nth-child(even) td{background:#f2f2f2}
.num{text-align:right}figure{margin:8px 0 16px}figcaption{font-size:11px;font-style:italic;color:#333}
footer{margin-top:2em;border-top:1px solid #888;font-size:11px;color:#444;padding-top:4px}
@media print{tr,figure{page-break-inside:avoid}h2{page-break-after:avoid}})";

}  // namespace

void writeHtmlReport(const ReportInput& input, const ReportDocument& doc, const std::string& path) {
  QString html = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%1</title><style>%2</style></head><body>\n")
                     .arg(esc(doc.title), QString::fromUtf8(kStyle));
  html += QStringLiteral("<p class=\"sub\">%1</p>\n").arg(esc(doc.stamp));
  for (const Block& b : doc.blocks) {
    switch (b.kind) {
      case Block::Kind::Title: html += QStringLiteral("<h1>%1</h1>\n").arg(esc(b.text)); break;
      case Block::Kind::Subtitle: html += QStringLiteral("<p class=\"sub\">%1</p>\n").arg(esc(b.text)); break;
      case Block::Kind::Heading: html += QStringLiteral("<h2>%1</h2>\n").arg(esc(b.text)); break;
      case Block::Kind::Paragraph: html += QStringLiteral("<p>%1</p>\n").arg(esc(b.text)); break;
      case Block::Kind::Verdict: html += QStringLiteral("<p class=\"verdict\">%1</p>\n").arg(esc(b.text)); break;
      case Block::Kind::Note: html += QStringLiteral("<p class=\"note\">%1</p>\n").arg(esc(b.text)); break;
      case Block::Kind::Table: html += htmlTable(b.table); break;
      case Block::Kind::Chart:
        html += QStringLiteral("<figure>%1<figcaption>%2</figcaption></figure>\n").arg(svgChart(input, b), esc(b.text));
        break;
      case Block::Kind::PageBreak: break;
    }
  }
  html += QStringLiteral("<footer>%1</footer>\n</body></html>\n").arg(esc(doc.stamp));
  QSaveFile file(QString::fromStdString(path));
  if (!file.open(QIODevice::WriteOnly)) throw std::runtime_error(path + ": cannot write (" + file.errorString().toStdString() + ")");
  file.write(html.toUtf8());
  if (!file.commit()) throw std::runtime_error(path + ": cannot write (" + file.errorString().toStdString() + ")");
}

}  // namespace headroom::report
