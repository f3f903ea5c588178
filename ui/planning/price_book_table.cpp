#include "ui/planning/price_book_table.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <fstream>

#include "simulator/cost/scenario_cost.h"
#include "ui/planning/chart_style.h"

namespace headroom::planning_views {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }
enum Column { kVendor, kService, kRegion, kSku, kOption, kUnit, kPrice, kDate, kSource, kWarning, kColumns };

}  // namespace

PriceBookTable::PriceBookTable(QWidget* parent) : QWidget(parent), today_(cost::todayUtc()) {
  book_.prices.version = "gui-price-book";
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* bar = new QHBoxLayout;
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  auto* load = new QPushButton(tr("Load Price Book…"), this);
  auto* save = new QPushButton(tr("Save Price Book…"), this);
  bar->addWidget(summary_, 1);
  bar->addWidget(load);
  bar->addWidget(save);
  layout->addLayout(bar);
  table_ = new QTableWidget(0, kColumns, this);
  table_->setObjectName(QStringLiteral("priceBookTable"));
  table_->setHorizontalHeaderLabels({tr("Vendor"), tr("Service"), tr("Region"), tr("SKU"), tr("Option"), tr("Unit"),
                                     tr("USD / unit"), tr("Date"), tr("Source"), tr("Warning")});
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setWordWrap(false);
  layout->addWidget(table_, 1);
  connect(table_, &QTableWidget::cellChanged, this, &PriceBookTable::onEdited);
  connect(load, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Load Price Book"), {}, tr("Price book (*.json)"));
    if (path.isEmpty()) return;
    try {
      loadBook(path);
    } catch (const std::exception& e) {
      QMessageBox::warning(this, tr("Price book"), QString::fromUtf8(e.what()));
    }
  });
  connect(save, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Price Book"), {}, tr("Price book (*.json)"));
    if (!path.isEmpty()) saveBook(path);
  });
  refill();
}

cost::PriceCatalog PriceBookTable::catalog() const {
  if (book_.prices.entries().empty() && book_.discounts.empty()) return cost::builtinCatalog();
  return cost::withPriceBook(cost::builtinCatalog(), book_);
}

void PriceBookTable::setBook(const cost::PriceBook& book) {
  book_ = book;
  refill();
  emit bookChanged();
}

void PriceBookTable::loadBook(const QString& path) { setBook(cost::readPriceBookFile(path.toStdString())); }

void PriceBookTable::saveBook(const QString& path) const {
  std::ofstream out(path.toStdString());
  out << cost::priceBookToJson(book_).dump(2) << "\n";
  if (!out) throw std::runtime_error(path.toStdString() + ": cannot write");
}

void PriceBookTable::setToday(const std::string& today) {
  today_ = today;
  refill();
}

void PriceBookTable::refill() {
  filling_ = true;
  const cost::PriceCatalog cat = catalog();
  table_->setRowCount(0);
  stale_ = 0;
  for (const cost::PriceEntry& e : cat.entries()) {
    const int row = table_->rowCount();
    table_->insertRow(row);
    const bool own = book_.prices.find(e.vendor, e.service, e.region, e.sku, e.purchase_option) != nullptr;
    const std::string warning = cost::staleWarning(e, today_);
    QString tiers = QString::number(e.firstPrice(), 'g', 6);
    if (e.tiers.size() > 1) tiers += tr(" (+%1 tiers)").arg(e.tiers.size() - 1);
    const QStringList values = {q(e.vendor), q(e.service), q(e.region), q(e.sku), q(e.purchase_option), q(cost::priceUnitName(e.unit)),
                                tiers, q(e.date), q(e.source),
                                warning.empty() ? (e.uncertain ? tr("sources disagree") : QString()) : tr("stale: older than %1 days").arg(cost::kStalePriceDays)};
    for (int c = 0; c < kColumns; ++c) {
      auto* item = new QTableWidgetItem(values[c]);
      const bool editable = (c == kPrice && e.tiers.size() == 1) || c == kDate || c == kSource;
      item->setFlags(editable ? Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable : Qt::ItemIsSelectable | Qt::ItemIsEnabled);
      if (own) item->setBackground(QColor(232, 242, 255));
      if (c == kWarning && !warning.empty()) item->setForeground(QColor(170, 60, 0));
      if (c == kWarning || c == kSource) item->setToolTip(c == kWarning ? q(warning) : q(e.source));
      table_->setItem(row, c, item);
    }
    if (!warning.empty()) ++stale_;
  }
  table_->resizeColumnsToContents();
  table_->setColumnWidth(kSource, std::min(table_->columnWidth(kSource), 260));
  summary_->setText(tr("Catalog %1 (prices dated up to %2), %3 user price(s) on top (shaded). %4 stale price(s) (older than %5 days on %6). "
                       "Edit a price, date or source to override it.")
                        .arg(q(cat.version), q(cat.date))
                        .arg(book_.prices.entries().size())
                        .arg(stale_)
                        .arg(cost::kStalePriceDays)
                        .arg(q(today_)));
  filling_ = false;
}

void PriceBookTable::onEdited(int row, int column) {
  if (filling_) return;
  const cost::PriceCatalog cat = catalog();
  if (row < 0 || row >= static_cast<int>(cat.entries().size())) return;
  cost::PriceEntry e = cat.entries()[static_cast<std::size_t>(row)];
  const QString text = table_->item(row, column)->text().trimmed();
  if (column == kPrice) {
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || v < 0) {
      QMessageBox::warning(this, tr("Price book"), tr("'%1' is not a price in USD per %2.").arg(text, q(cost::priceUnitName(e.unit))));
      refill();
      return;
    }
    e.tiers = {cost::PriceTier{std::numeric_limits<double>::infinity(), v}};
  } else if (column == kDate) {
    if (!cost::daysBetween(text.toStdString(), text.toStdString())) {
      QMessageBox::warning(this, tr("Price book"), tr("'%1' is not a date (YYYY-MM-DD).").arg(text));
      refill();
      return;
    }
    e.date = text.toStdString();
  } else if (column == kSource) {
    e.source = text.toStdString();
  }
  book_.prices.put(e);
  // Deferred: refilling rebuilds the item being committed by the editor.
  QMetaObject::invokeMethod(this, [this] { refill(); emit bookChanged(); }, Qt::QueuedConnection);
}

}  // namespace headroom::planning_views
