#pragma once
// How each kind of node looks on the topology canvas: the ONE place that maps a component type to a shape
// and a badge. Types the model does not have yet (gateway, cdn, cache, database, queue, function, region)
// already have an entry so adding them to model/scenario.h only needs componentTypeName() to return the key.
#include <QColor>
#include <QPainterPath>
#include <QRectF>
#include <QString>

namespace headroom {

enum class NodeShape { RoundedRect, Ellipse, Hexagon, Cylinder, Parallelogram, Stadium, Diamond, Cloud };

struct NodeStyle {
  NodeShape shape = NodeShape::RoundedRect;
  QString badge;  // short text drawn in the corner ("svc", "delay", ...)
};

// `typeName` as returned by componentTypeName(): "service", "delay", ... Unknown types get the service look.
NodeStyle nodeStyleForComponentType(const QString& typeName);
NodeStyle sourceNodeStyle();

QPainterPath nodeShapePath(NodeShape shape, const QRectF& rect);

// Green (idle) -> amber (0.7) -> red (>= 0.9). NaN gives an invalid QColor (no data: use the palette).
QColor utilizationColor(double utilization);

}  // namespace headroom
