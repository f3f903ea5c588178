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
  // Never magnify a small graph beyond 1.5x: huge boxes look broken.
  if (zoomFactor() > 1.5) {
    setTransform(QTransform::fromScale(1.5, 1.5));
    centerOn(bounds.center());
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
