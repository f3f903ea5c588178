#pragma once
// The price book the Cost view uses: the built-in catalog with the project's (or a loaded) price book on top,
// one row per price with its date, source and a stale-price warning; price, date and source are editable and
// an edit becomes an entry of the user's price book (simulator/cost/price_book_json.h), which the next priced
// run uses and which can be saved as JSON. Thread affinity: GUI thread.
#include <QWidget>

#include "simulator/cost/price_book_json.h"

class QLabel;
class QTableWidget;

namespace headroom::planning_views {

class PriceBookTable : public QWidget {
  Q_OBJECT

 public:
  explicit PriceBookTable(QWidget* parent = nullptr);

  // The built-in catalog with the user's book applied: what a priced run uses.
  cost::PriceCatalog catalog() const;
  const cost::PriceBook& book() const { return book_; }
  void setBook(const cost::PriceBook& book);
  void loadBook(const QString& path);   // throws std::invalid_argument with the file's error
  void saveBook(const QString& path) const;
  void setToday(const std::string& today);
  QTableWidget* table() const { return table_; }
  int staleCount() const { return stale_; }

 signals:
  void bookChanged();

 private:
  void refill();
  void onEdited(int row, int column);

  cost::PriceBook book_;
  std::string today_;
  QTableWidget* table_;
  QLabel* summary_;
  bool filling_ = false;
  int stale_ = 0;
};

}  // namespace headroom::planning_views
