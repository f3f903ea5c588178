#include "ui/node_style.h"

#include <algorithm>
#include <cmath>

#include <QHash>
#include <QPolygonF>

namespace headroom {

NodeStyle nodeStyleForComponentType(const QString& typeName) {
  static const QHash<QString, NodeStyle> styles = {
      {QStringLiteral("service"), {NodeShape::RoundedRect, QStringLiteral("service")}},
      {QStringLiteral("delay"), {NodeShape::Stadium, QStringLiteral("external")}},
      {QStringLiteral("external"), {NodeShape::Stadium, QStringLiteral("ext")}},
      {QStringLiteral("gateway"), {NodeShape::Hexagon, QStringLiteral("gw")}},
      {QStringLiteral("cdn"), {NodeShape::Cloud, QStringLiteral("CDN")}},
      {QStringLiteral("cache"), {NodeShape::Hexagon, QStringLiteral("cache")}},
      {QStringLiteral("database"), {NodeShape::Cylinder, QStringLiteral("database")}},
      {QStringLiteral("queue"), {NodeShape::Parallelogram, QStringLiteral("queue")}},
      {QStringLiteral("topic"), {NodeShape::Parallelogram, QStringLiteral("topic")}},
      {QStringLiteral("function"), {NodeShape::Octagon, QStringLiteral("λ function")}},
      {QStringLiteral("serverless"), {NodeShape::Octagon, QStringLiteral("λ function")}},
  };
  return styles.value(typeName, NodeStyle{NodeShape::RoundedRect, typeName});
}

NodeStyle sourceNodeStyle() { return {NodeShape::Ellipse, QStringLiteral("traffic")}; }

QString nodeKindName(const Component& c) {
  if (c.type != Component::Type::Service) return QString::fromLatin1(componentTypeName(c.type));
  if (c.database) return QStringLiteral("database");
  if (c.cache) return c.cache->response_bytes.empty() ? QStringLiteral("cache") : QStringLiteral("cdn");
  return QStringLiteral("service");
}

QSizeF nodeSizeForText(NodeShape shape, QSizeF text) {
  const double w = text.width(), h = text.height();
  switch (shape) {
    case NodeShape::RoundedRect: return {w + 24, h + 14};
    case NodeShape::Stadium: return {w + h + 28, h + 14};
    case NodeShape::Hexagon:
    case NodeShape::Parallelogram: {
      const double height = h + 14;
      return {w + 2 * height / 3 + 20, height};
    }
    case NodeShape::Octagon: {
      const double height = h + 14;
      return {w + 2 * height * 0.3 + 20, height};
    }
    case NodeShape::Cylinder: {
      const double height = (h + 14) * 6.0 / 4.0;  // the text sits between the two lids (1/6 of the height each)
      return {w + 24, height};
    }
    case NodeShape::Cloud: return {w * 1.15 + 28, (h + 10) / 0.75};
    case NodeShape::Ellipse: return {w * 1.42 + 16, h * 1.42 + 10};
    case NodeShape::Diamond: return {2 * w + 24, 2 * h + 14};
  }
  return {w + 24, h + 14};
}

QRectF nodeTextRect(NodeShape shape, const QRectF& r) {
  switch (shape) {
    case NodeShape::Cylinder: return r.adjusted(0, r.height() / 6, 0, -r.height() / 12);
    case NodeShape::Cloud: return r.adjusted(0, r.height() * 0.25, 0, 0);
    default: return r;
  }
}

QPainterPath nodeShapePath(NodeShape shape, const QRectF& r) {
  QPainterPath path;
  switch (shape) {
    case NodeShape::RoundedRect:
      path.addRoundedRect(r, 8, 8);
      break;
    case NodeShape::Ellipse:
      path.addEllipse(r);
      break;
    case NodeShape::Stadium:
      path.addRoundedRect(r, r.height() / 2, r.height() / 2);
      break;
    case NodeShape::Hexagon: {
      const double d = r.height() / 3;
      path.addPolygon(QPolygonF({QPointF(r.left() + d, r.top()), QPointF(r.right() - d, r.top()),
                                 QPointF(r.right(), r.center().y()), QPointF(r.right() - d, r.bottom()),
                                 QPointF(r.left() + d, r.bottom()), QPointF(r.left(), r.center().y()),
                                 QPointF(r.left() + d, r.top())}));
      break;
    }
    case NodeShape::Diamond:
      path.addPolygon(QPolygonF({QPointF(r.center().x(), r.top()), QPointF(r.right(), r.center().y()),
                                 QPointF(r.center().x(), r.bottom()), QPointF(r.left(), r.center().y()),
                                 QPointF(r.center().x(), r.top())}));
      break;
    case NodeShape::Parallelogram: {
      const double d = r.height() / 3;
      path.addPolygon(QPolygonF({QPointF(r.left() + d, r.top()), QPointF(r.right(), r.top()),
                                 QPointF(r.right() - d, r.bottom()), QPointF(r.left(), r.bottom()),
                                 QPointF(r.left() + d, r.top())}));
      break;
    }
    case NodeShape::Cylinder: {
      const double e = r.height() / 6;
      path.moveTo(r.left(), r.top() + e);
      path.arcTo(QRectF(r.left(), r.top(), r.width(), 2 * e), 180, -180);
      path.lineTo(r.right(), r.bottom() - e);
      path.arcTo(QRectF(r.left(), r.bottom() - 2 * e, r.width(), 2 * e), 0, -180);
      path.closeSubpath();
      path.moveTo(r.left(), r.top() + e);
      path.arcTo(QRectF(r.left(), r.top(), r.width(), 2 * e), 180, 180);
      break;
    }
    case NodeShape::Octagon: {
      const double d = r.height() * 0.3;
      path.addPolygon(QPolygonF({QPointF(r.left() + d, r.top()), QPointF(r.right() - d, r.top()),
                                 QPointF(r.right(), r.top() + d), QPointF(r.right(), r.bottom() - d),
                                 QPointF(r.right() - d, r.bottom()), QPointF(r.left() + d, r.bottom()),
                                 QPointF(r.left(), r.bottom() - d), QPointF(r.left(), r.top() + d),
                                 QPointF(r.left() + d, r.top())}));
      break;
    }
    case NodeShape::Cloud: {
      // A flat body with three bumps on top, united into one outline (no inner lines across the text).
      const double w = r.width(), h = r.height();
      QPainterPath body;
      body.addRoundedRect(QRectF(r.left(), r.top() + h * 0.35, w, h * 0.65), h * 0.3, h * 0.3);
      auto bump = [&](double cx, double radius) {
        QPainterPath c;
        c.addEllipse(QPointF(r.left() + cx * w, r.top() + radius), std::min(radius * 1.6, w * 0.22), radius);
        return c;
      };
      path = body.united(bump(0.3, h * 0.3)).united(bump(0.55, h * 0.4)).united(bump(0.78, h * 0.28));
      break;
    }
  }
  return path;
}

QColor utilizationColor(double u) {
  if (!std::isfinite(u)) return {};
  u = std::clamp(u, 0.0, 1.0);
  const QColor green(46, 160, 67), amber(230, 160, 20), red(210, 50, 45);
  auto mix = [](const QColor& a, const QColor& b, double t) {
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
  };
  if (u <= 0.7) return mix(green, amber, u / 0.7);
  if (u >= 0.9) return red;
  return mix(amber, red, (u - 0.7) / 0.2);
}

}  // namespace headroom
