// PDF layout: A4 pages in device units of the screen's DPI (so QCustomPlot's font metrics match what it
// draws), blocks flowed top to bottom; headings stay with what follows, table rows never split and a table's
// header repeats on every page it spans, charts move whole to the next page. Laid out twice: the first pass
// counts pages for "Page n of N".
#include <qcustomplot.h>

#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPageLayout>
#include <QImage>
#include <QPdfWriter>
#include <QSaveFile>
#include <QScreen>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "ui/report/report_charts.h"
#include "ui/report/report_writer.h"

namespace headroom::report {
namespace {

const QString kFamily = QStringLiteral("DejaVu Sans");
constexpr double kMarginX = 56, kMarginTop = 48, kMarginBottom = 64;
constexpr double kChartHeight = 235, kCellPadX = 5, kCellPadY = 3;

QFont font(double pt, bool bold = false, bool italic = false) {
  QFont f(kFamily);
  f.setPointSizeF(pt);
  f.setBold(bold);
  f.setItalic(italic);
  // No ligatures: "offered" must stay searchable and copyable as o-f-f, not the single glyph "ﬀ".
  f.setStyleStrategy(QFont::PreferNoShaping);
  return f;
}

QString q(const std::string& s) { return QString::fromStdString(s); }

class PdfLayout {
 public:
  // `pdf` null: a preview on `device` (an image of the same DPI) that paints page 1 only.
  PdfLayout(const ReportInput& in, const ReportDocument& doc, QPaintDevice& device, QPdfWriter* pdf, QCPPainter* painter,
            int totalPages, double width, double height)
      : in_(in), doc_(doc), writer_(device), pdf_(pdf), p_(painter), total_(totalPages), width_(width), height_(height) {
    y_ = kMarginTop;
  }

  int run() {
    const auto& blocks = doc_.blocks;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      const Block& b = blocks[i];
      if (b.kind == Block::Kind::Heading) {
        // Keep a heading with the start of what follows it.
        const double next = i + 1 < blocks.size() ? firstChunkHeight(blocks[i + 1]) : 0.0;
        ensure(14 + textHeight(font(13, true), b.text) + 6 + next);
      }
      place(b);
    }
    footer();
    return page_;
  }

 private:
  double contentWidth() const { return width_ - 2 * kMarginX; }
  double bottom() const { return height_ - kMarginBottom; }

  double textHeight(const QFont& f, const std::string& text, double w = -1) const {
    QFontMetricsF fm(f, &writer_);
    const QRectF r = fm.boundingRect(QRectF(0, 0, w > 0 ? w : contentWidth(), 1e6), Qt::TextWordWrap, q(text));
    return r.height();
  }

  void newPage() {
    footer();
    if (p_ && pdf_) pdf_->newPage();
    if (!pdf_) p_ = nullptr;  // a preview stops painting after page 1 (the layout still counts pages)
    ++page_;
    y_ = kMarginTop;
  }

  void ensure(double h) {
    if (y_ + h > bottom() && y_ > kMarginTop + 1) newPage();
  }

  void footer() {
    if (!p_) return;
    p_->save();
    p_->setPen(QPen(QColor(0x80, 0x80, 0x80), 0.6));
    const double fy = height_ - kMarginBottom + 22;
    p_->drawLine(QPointF(kMarginX, fy), QPointF(width_ - kMarginX, fy));
    p_->setFont(font(7.5));
    p_->setPen(QColor(0x40, 0x40, 0x40));
    const QRectF r(kMarginX, fy + 4, contentWidth(), 16);
    p_->drawText(r, Qt::AlignLeft | Qt::AlignTop, q(doc_.stamp));
    p_->drawText(r, Qt::AlignRight | Qt::AlignTop, QStringLiteral("Page %1 of %2").arg(page_).arg(std::max(total_, page_)));
    p_->restore();
  }

  void text(const QFont& f, const std::string& s, QColor color = Qt::black, double indent = 0) {
    const double h = textHeight(f, s, contentWidth() - indent);
    ensure(h);
    if (p_) {
      p_->setFont(f);
      p_->setPen(color);
      p_->drawText(QRectF(kMarginX + indent, y_, contentWidth() - indent, h + 2), Qt::TextWordWrap, q(s));
    }
    y_ += h;
  }

  void boxed(const QFont& f, const std::string& s, double bar, QColor fillColor) {
    const double pad = 8;
    const double h = textHeight(f, s, contentWidth() - 2 * pad - bar) + 2 * pad;
    ensure(h);
    if (p_) {
      p_->save();
      p_->setPen(QPen(QColor(0x60, 0x60, 0x60), 0.8));
      p_->setBrush(fillColor);
      p_->drawRect(QRectF(kMarginX, y_, contentWidth(), h));
      if (bar > 0) p_->fillRect(QRectF(kMarginX, y_, bar, h), QColor(0x1b, 0x3a, 0x6b));
      p_->setFont(f);
      p_->setPen(Qt::black);
      p_->drawText(QRectF(kMarginX + bar + pad, y_ + pad, contentWidth() - 2 * pad - bar, h), Qt::TextWordWrap, q(s));
      p_->restore();
    }
    y_ += h;
  }

  // Column widths: natural widths, shrunk proportionally (cells wrap) when the table is wider than the page.
  std::vector<double> columnWidths(const Table& t) const {
    QFontMetricsF body(font(8), &writer_), head(font(8, true), &writer_);
    std::vector<double> w(t.columns.size(), 0.0);
    for (std::size_t c = 0; c < t.columns.size(); ++c) w[c] = head.horizontalAdvance(q(t.columns[c]));
    for (const auto& row : t.rows)
      for (std::size_t c = 0; c < row.size() && c < w.size(); ++c) w[c] = std::max(w[c], body.horizontalAdvance(q(row[c])));
    double total = 0;
    for (double& x : w) total += (x += 2 * kCellPadX + 1);
    if (total > contentWidth()) {
      // Shrink only columns wider than a fair share, so short numeric columns keep their natural width.
      const double fair = contentWidth() / static_cast<double>(w.size());
      double fixed = 0, flexible = 0;
      for (double x : w) (x <= fair ? fixed : flexible) += x;
      const double scale = (contentWidth() - fixed) / flexible;
      for (double& x : w)
        if (x > fair) x *= scale;
    }
    return w;
  }

  double rowHeight(const std::vector<std::string>& cells, const std::vector<double>& w, const QFont& f) const {
    double h = 0;
    for (std::size_t c = 0; c < cells.size() && c < w.size(); ++c) h = std::max(h, textHeight(f, cells[c], w[c] - 2 * kCellPadX));
    return h + 2 * kCellPadY;
  }

  void drawRow(const std::vector<std::string>& cells, const std::vector<double>& w, const Table& t, const QFont& f, double h,
               QColor background) {
    if (!p_) return;
    p_->save();
    if (background.alpha() > 0) p_->fillRect(QRectF(kMarginX, y_, std::accumulate(w.begin(), w.end(), 0.0), h), background);
    p_->setFont(f);
    p_->setPen(Qt::black);
    double x = kMarginX;
    for (std::size_t c = 0; c < cells.size() && c < w.size(); ++c) {
      const bool right = c < t.numeric.size() && t.numeric[c];
      p_->drawText(QRectF(x + kCellPadX, y_ + kCellPadY, w[c] - 2 * kCellPadX, h),
                   Qt::TextWordWrap | (right ? Qt::AlignRight : Qt::AlignLeft), q(cells[c]));
      x += w[c];
    }
    p_->setPen(QPen(QColor(0xa0, 0xa0, 0xa0), 0.5));
    p_->drawLine(QPointF(kMarginX, y_ + h), QPointF(x, y_ + h));
    p_->restore();
  }

  void table(const Table& t) {
    const std::vector<double> w = columnWidths(t);
    const QFont head = font(8, true), body = font(8);
    const double headH = rowHeight(t.columns, w, head);
    // Start on a new page unless the header and the first rows (or the whole table) fit.
    double first = headH;
    for (std::size_t r = 0; r < t.rows.size() && r < 3; ++r) first += rowHeight(t.rows[r], w, body);
    ensure(first);
    auto header = [&] {
      drawRow(t.columns, w, t, head, headH, QColor(0xdd, 0xdd, 0xdd));
      y_ += headH;
    };
    header();
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const double h = rowHeight(t.rows[r], w, body);
      if (y_ + h > bottom()) {
        newPage();
        header();
      }
      drawRow(t.rows[r], w, t, body, h, r % 2 ? QColor(0xf2, 0xf2, 0xf2) : QColor(0, 0, 0, 0));
      y_ += h;
    }
    y_ += 8;
  }

  void chart(const Block& b) {
    const double captionH = textHeight(font(7.5, false, true), b.text);
    ensure(kChartHeight + captionH + 10);
    if (p_) drawBlockChart(*p_, QRectF(kMarginX, y_, contentWidth(), kChartHeight), in_, b);
    y_ += kChartHeight + 2;
    text(font(7.5, false, true), b.text, QColor(0x30, 0x30, 0x30));
    y_ += 10;
  }

  double firstChunkHeight(const Block& b) const {
    switch (b.kind) {
      case Block::Kind::Chart: return kChartHeight + 20;
      case Block::Kind::Table: return 60;
      default: return std::min(60.0, textHeight(font(9.5), b.text));
    }
  }

  void place(const Block& b) {
    switch (b.kind) {
      case Block::Kind::Title:
        text(font(18, true), b.text);
        y_ += 4;
        break;
      case Block::Kind::Subtitle:
        text(font(8.5), b.text, QColor(0x40, 0x40, 0x40));
        y_ += 8;
        break;
      case Block::Kind::Heading:
        y_ += 14;
        text(font(13, true), b.text, QColor(0x1b, 0x3a, 0x6b));
        y_ += 6;
        break;
      case Block::Kind::Paragraph:
        text(font(9.5), b.text);
        y_ += 6;
        break;
      case Block::Kind::Verdict:
        boxed(font(11.5, true), b.text, 5, QColor(0xf4, 0xf4, 0xf4));
        y_ += 10;
        break;
      case Block::Kind::Note:
        boxed(font(8.5, false, true), b.text, 0, QColor(255, 255, 255));
        y_ += 8;
        break;
      case Block::Kind::Table:
        table(b.table);
        break;
      case Block::Kind::Chart:
        chart(b);
        break;
      case Block::Kind::PageBreak:
        if (y_ > kMarginTop + 1) newPage();
        break;
    }
  }

  const ReportInput& in_;
  const ReportDocument& doc_;
  QPaintDevice& writer_;
  QPdfWriter* pdf_;
  QCPPainter* p_;
  int total_;
  int page_ = 1;
  double width_ = 0, height_ = 0, y_ = 0;
};

}  // namespace

int pdfPreviewDpi() {
  const QScreen* screen = QGuiApplication::primaryScreen();
  return screen ? static_cast<int>(std::lround(screen->logicalDotsPerInch())) : 96;
}

QImage renderFirstPage(const ReportInput& input, const ReportDocument& doc, double scale, int* pageCount) {
  // Same page geometry and DPI as writePdfReport, so page 1 breaks exactly where the PDF's does.
  const int dpi = pdfPreviewDpi();
  const double w = std::round(210.0 / 25.4 * dpi), h = std::round(297.0 / 25.4 * dpi);
  QImage image(static_cast<int>(w * scale), static_cast<int>(h * scale), QImage::Format_ARGB32_Premultiplied);
  const int dotsPerMeter = static_cast<int>(std::lround(dpi / 0.0254));
  image.setDotsPerMeterX(dotsPerMeter);
  image.setDotsPerMeterY(dotsPerMeter);
  image.fill(Qt::white);
  const int pages = PdfLayout(input, doc, image, nullptr, nullptr, 0, w, h).run();
  {
    QCPPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(scale, scale);
    PdfLayout(input, doc, image, nullptr, &painter, pages, w, h).run();
  }
  if (pageCount) *pageCount = pages;
  return image;
}

void writePdfReport(const ReportInput& input, const ReportDocument& doc, const std::string& path) {
  QSaveFile file(q(path));
  if (!file.open(QIODevice::WriteOnly)) throw std::runtime_error(path + ": cannot write (" + file.errorString().toStdString() + ")");
  {
    QPdfWriter writer(&file);
    writer.setResolution(pdfPreviewDpi());
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
    writer.setTitle(q(doc.title));
    writer.setCreator(QStringLiteral("Headroom ") + q(input.options.version));
    const double w = writer.width(), h = writer.height();
    const int pages = PdfLayout(input, doc, writer, &writer, nullptr, 0, w, h).run();
    QCPPainter painter(&writer);
    if (!painter.isActive()) throw std::runtime_error(path + ": cannot start the PDF painter");
    painter.setRenderHint(QPainter::Antialiasing);
    const int painted = PdfLayout(input, doc, writer, &writer, &painter, pages, w, h).run();
    painter.end();
    if (painted != pages) throw std::logic_error("report layout is not deterministic: " + std::to_string(pages) + " vs " + std::to_string(painted) + " pages");
  }
  if (!file.commit()) throw std::runtime_error(path + ": cannot write (" + file.errorString().toStdString() + ")");
}

}  // namespace headroom::report
