#include "ui/topology_view.h"

#include <algorithm>
#include <cmath>

#include <QWheelEvent>

namespace headroom {

TopologyView::TopologyView(QWidget* parent) : QGraphicsView(parent) {
  setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
  setDragMode(QGraphicsView::RubberBandDrag);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
  setBackgroundRole(QPalette::Base);
}

void TopologyView::zoomBy(double factor) {
  autoFit_ = false;
  const double target = std::clamp(zoomFactor() * factor, 0.1, 8.0);
  const double applied = target / zoomFactor();
  scale(applied, applied);
}

void TopologyView::zoomIn() { zoomBy(1.25); }
void TopologyView::zoomOut() { zoomBy(1 / 1.25); }
void TopologyView::resetZoom() {
  autoFit_ = false;
  setTransform(QTransform());
}

void TopologyView::fitToContents() {
  autoFit_ = true;
  if (!scene()) return;
  const QRectF bounds = scene()->itemsBoundingRect().adjusted(-30, -30, 30, 30);
  if (bounds.isEmpty()) return;
  fitInView(bounds, Qt::KeepAspectRatio);
  // Readable first: never shrink the text below kMinFitZoom (a large drawing scrolls instead), never
  // magnify a small graph beyond kMaxFitZoom (huge boxes look broken).
  const double zoom = std::clamp(zoomFactor(), kMinFitZoom, kMaxFitZoom);
  if (zoom != zoomFactor()) {
    setTransform(QTransform::fromScale(zoom, zoom));
    // A drawing wider than the view starts at its left edge, where the traffic comes in.
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    centerOn(visible.width() < bounds.width() ? QPointF(bounds.left() + visible.width() / 2, bounds.center().y())
                                              : bounds.center());
  }
}

void TopologyView::resizeEvent(QResizeEvent* event) {
  QGraphicsView::resizeEvent(event);
  if (autoFit_) fitToContents();
}

void TopologyView::wheelEvent(QWheelEvent* event) {
  const int delta = event->angleDelta().y();
  if (delta == 0) return QGraphicsView::wheelEvent(event);
  zoomBy(std::pow(1.0015, delta));
  event->accept();
}

}  // namespace headroom
