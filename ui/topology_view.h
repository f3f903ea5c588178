#pragma once
// The canvas widget: zoom with the wheel (anchored under the mouse) and with the View menu shortcuts,
// fit-to-contents, antialiased drawing. GUI thread only.
#include <QGraphicsView>

namespace headroom {

class TopologyView : public QGraphicsView {
  Q_OBJECT

 public:
  explicit TopologyView(QWidget* parent = nullptr);
  double zoomFactor() const { return transform().m11(); }
  static constexpr double kMinFitZoom = 0.7;  // fit never shrinks text below 70% of its size (a big drawing scrolls)
  static constexpr double kMaxFitZoom = 1.25;

 public slots:
  void zoomIn();
  void zoomOut();
  void resetZoom();
  void fitToContents();

 protected:
  void wheelEvent(QWheelEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void zoomBy(double factor);
  bool autoFit_ = true;  // until the user zooms, the graph follows the view's size
};

}  // namespace headroom
