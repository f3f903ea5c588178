#pragma once
// How each kind of node looks on the topology canvas: the ONE place that maps a kind of component to a shape
// and a badge, and the size a shape needs around its text.
#include <QColor>
#include <QPainterPath>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include "model/scenario.h"

namespace headroom {

enum class NodeShape { RoundedRect, Ellipse, Hexagon, Cylinder, Parallelogram, Stadium, Diamond, Cloud, Octagon };

struct NodeStyle {
  NodeShape shape = NodeShape::RoundedRect;
  QString badge;  // short text drawn in the corner ("svc", "delay", ...)
};

// `typeName` as returned by componentTypeName(): "service", "delay", ... Unknown types get the service look.
NodeStyle nodeStyleForComponentType(const QString& typeName);
NodeStyle sourceNodeStyle();
// The look a component gets from what it is, not only its type: a service with a CDN-style cache (answers
// with response bytes) is "cdn", with a cache "cache", with a database block "database"; topics and
// serverless functions by type.
QString nodeKindName(const Component& component);

// The outer size of a node whose text block is `text` wide and high: every shape leaves the text inside its
// outline (an ellipse needs about 1.42x, a hexagon its slanted ends, a cylinder its lids).
QSizeF nodeSizeForText(NodeShape shape, QSizeF text);
// The part of `rect` where text is drawn for that shape (below a cylinder's lid, inside a cloud's body).
QRectF nodeTextRect(NodeShape shape, const QRectF& rect);

QPainterPath nodeShapePath(NodeShape shape, const QRectF& rect);

// Green (idle) -> amber (0.7) -> red (>= 0.9). NaN gives an invalid QColor (no data: use the palette).
QColor utilizationColor(double utilization);

}  // namespace headroom
