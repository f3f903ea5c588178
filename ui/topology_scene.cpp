#include "ui/topology_scene.h"

#include <cmath>
#include <set>
#include <tuple>

#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QGuiApplication>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>
#include <QTimer>
#include <QWidget>

#include "ui/readable_number.h"
#include "ui/scenario_document.h"
#include "ui/topology_graph.h"

namespace headroom {

namespace {

constexpr double kMinNodeWidth = 110.0;
constexpr double kBadgeGap = 5.0;
constexpr double kBadgePadding = 14.0;

QFont titleFont() {
  QFont f = QGuiApplication::font();
  f.setBold(true);
  return f;
}

QFont detailFont() {
  QFont f = QGuiApplication::font();
  f.setPointSizeF(f.pointSizeF() * 0.88);
  return f;
}

QFont kindFont() {
  QFont f = detailFont();
  f.setItalic(true);
  return f;
}

double badgeHeight() { return QFontMetricsF(titleFont()).height() + 6; }

QPalette paletteFor(const QWidget* widget) { return widget ? widget->palette() : QGuiApplication::palette(); }

// Where the straight line from the node centre towards `toward` leaves its rectangle.
QPointF borderPoint(const NodeItem* node, QPointF toward) {
  const QRectF r = node->shapeRect().translated(node->pos());
  const QPointF c = r.center();
  const QPointF d = toward - c;
  if (std::abs(d.x()) < 1e-9 && std::abs(d.y()) < 1e-9) return c;
  const double sx = std::abs(d.x()) > 1e-9 ? (r.width() / 2) / std::abs(d.x()) : 1e9;
  const double sy = std::abs(d.y()) > 1e-9 ? (r.height() / 2) / std::abs(d.y()) : 1e9;
  return c + d * std::min(sx, sy);
}

QString subtitleFor(const Component& c) {
  if (c.type == Component::Type::Topic && c.topic)
    return QStringLiteral("%1 partitions · %2 consumers").arg(c.topic->partitions).arg(c.replicas);
  if (c.type == Component::Type::Serverless && c.serverless)
    return QStringLiteral("≤%1 concurrent · %2 ms").arg(c.serverless->concurrency_limit).arg(readableNumber(c.service_time.mean() * 1e3));
  if (c.database)
    return QStringLiteral("%1 shard(s) · %2 read replica(s)").arg(c.database->shards).arg(c.database->read_replicas);
  if (c.cache && c.cache->hit_ratio.empty())
    return QStringLiteral("%1 keys · %2 ms").arg(c.cache->keys).arg(readableNumber(c.service_time.mean() * 1e3));
  if (c.cache) return QStringLiteral("given hit ratio · %1 ms").arg(readableNumber(c.service_time.mean() * 1e3));
  if (c.type == Component::Type::Delay)
    return QStringLiteral("%1 ms").arg(readableNumber(c.service_time.mean() * 1e3));
  return QStringLiteral("%1×%2 %3 · %4 ms")
      .arg(c.replicas)
      .arg(c.workers_per_replica)
      .arg(c.discipline == Component::Discipline::FCFS ? QStringLiteral("FCFS") : QStringLiteral("PS"))
      .arg(readableNumber(c.service_time.mean() * 1e3));
}

QString subtitleFor(const Source& s) {
  if (s.kind == Source::Kind::Closed) return QStringLiteral("%1 users").arg(s.population);
  if (s.rate.isStationary()) return QStringLiteral("%1 req/s").arg(readableNumber(s.rate.rate_per_s, 4));
  // The seasonal parts too: "constant curve" alone would hide a weekend dip or a daily cycle.
  QString text = QStringLiteral("%1 curve").arg(QString::fromStdString(s.rate.kindName()));
  if (s.rate.daily.enabled) text += QStringLiteral(" · daily");
  if (s.rate.weekly.enabled) text += QStringLiteral(" · weekly");
  if (!s.rate.spikes.empty()) text += QStringLiteral(" · spikes");
  return text;
}

}  // namespace

// ---------------------------------------------------------------------------------------------- NodeItem

NodeItem::NodeItem(QString key, QString title, QString subtitle, NodeStyle style)
    : key_(std::move(key)),
      title_(std::move(title)),
      subtitle_(std::move(subtitle)),
      style_(std::move(style)),
      utilization_(std::nan("")) {
  setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
  setZValue(1);
  setToolTip(QStringLiteral("%1 (%2)\n%3").arg(title_, style_.badge, subtitle_));
  const QFontMetricsF titleMetrics(titleFont()), detailMetrics(detailFont()), kindMetrics(kindFont());
  const double textWidth = std::max({titleMetrics.horizontalAdvance(title_) + 4,
                                     detailMetrics.horizontalAdvance(subtitle_ + QStringLiteral(" · ρ 100%")) + 4,
                                     kindMetrics.horizontalAdvance(style_.badge) + 4});
  const double textHeight = kindMetrics.height() + titleMetrics.height() + detailMetrics.height();
  size_ = nodeSizeForText(style_.shape, QSizeF(textWidth, textHeight));
  size_.setWidth(std::max(size_.width(), kMinNodeWidth));
}

void NodeItem::setUtilization(double utilization) {
  utilization_ = utilization;
  update();
}

void NodeItem::setBottleneckLabel(const QString& label, bool alarm) {
  if (label == bottleneckLabel_ && alarm == bottleneckAlarm_) return;
  // The old badge may be wider than the node: the scene must repaint its whole old area (no stale fragment).
  if (scene()) scene()->update(sceneBoundingRect());
  prepareGeometryChange();
  bottleneckLabel_ = label;
  bottleneckAlarm_ = alarm;
  update();
}

void NodeItem::setHasIssues(bool hasIssues) {
  hasIssues_ = hasIssues;
  update();
}

QRectF NodeItem::shapeRect() const { return {-size_.width() / 2, -size_.height() / 2, size_.width(), size_.height()}; }

QRectF NodeItem::badgeRect() const {
  if (bottleneckLabel_.isEmpty()) return {};
  const double w = QFontMetricsF(titleFont()).horizontalAdvance(bottleneckLabel_) + kBadgePadding;
  return {-w / 2, shapeRect().bottom() + kBadgeGap, w, badgeHeight()};
}

QRectF NodeItem::boundingRect() const {
  QRectF r = shapeRect().adjusted(-4, -4, 4, 4);
  if (!bottleneckLabel_.isEmpty()) r = r.united(badgeRect().adjusted(-2, -2, 2, 2));
  return r;
}

QPainterPath NodeItem::shape() const { return nodeShapePath(style_.shape, shapeRect()); }

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) {
  const QPalette pal = paletteFor(widget);
  painter->setRenderHint(QPainter::Antialiasing);
  const QRectF r = shapeRect();
  QColor fill = pal.color(QPalette::Base);
  const QColor util = utilizationColor(utilization_);
  if (util.isValid()) {
    // Tint the palette's base colour so text stays readable in light and dark themes.
    const double t = 0.55;
    fill = QColor::fromRgbF(static_cast<float>(fill.redF() * (1 - t) + util.redF() * t),
                            static_cast<float>(fill.greenF() * (1 - t) + util.greenF() * t),
                            static_cast<float>(fill.blueF() * (1 - t) + util.blueF() * t));
  }
  const bool selected = option->state & QStyle::State_Selected;
  QPen pen(selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Text), selected ? 3.0 : 1.3);
  if (hasIssues_) pen.setColor(QColor(210, 50, 45));
  painter->setPen(pen);
  painter->setBrush(fill);
  painter->drawPath(nodeShapePath(style_.shape, r));

  // Three lines, centred: the kind (italic, muted), the name (bold), the details and the utilization.
  const QRectF textArea = nodeTextRect(style_.shape, r);
  const QFontMetricsF kindMetrics(kindFont()), titleMetrics(titleFont()), detailMetrics(detailFont());
  const double blockHeight = kindMetrics.height() + titleMetrics.height() + detailMetrics.height();
  double y = textArea.center().y() - blockHeight / 2;
  auto line = [&](const QFont& font, const QFontMetricsF& metrics, const QColor& colour, const QString& text) {
    painter->setFont(font);
    painter->setPen(colour);
    painter->drawText(QRectF(r.left(), y, r.width(), metrics.height()), Qt::AlignHCenter | Qt::AlignVCenter, text);
    y += metrics.height();
  };
  line(kindFont(), kindMetrics, pal.color(QPalette::PlaceholderText), style_.badge);
  line(titleFont(), titleMetrics, pal.color(QPalette::Text), title_);
  QString second = subtitle_;
  if (std::isfinite(utilization_)) second = QStringLiteral("%1 · ρ %2%").arg(subtitle_).arg(utilization_ * 100, 0, 'f', 0);
  line(detailFont(), detailMetrics, pal.color(QPalette::Text), second);

  if (!bottleneckLabel_.isEmpty()) {
    const QRectF badge = badgeRect();
    painter->setFont(titleFont());
    painter->setPen(Qt::NoPen);
    painter->setBrush(bottleneckAlarm_ ? QColor(210, 50, 45) : QColor(176, 112, 0));
    painter->drawRoundedRect(badge, 6, 6);
    painter->setPen(QColor(255, 255, 255));  // on the fixed red/amber badge, not on the palette
    painter->drawText(badge, Qt::AlignCenter, bottleneckLabel_);
  }
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value) {
  if (change == ItemPositionHasChanged)
    for (EdgeItem* edge : edges_) edge->updateGeometry();
  return QGraphicsItem::itemChange(change, value);
}

void NodeItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
  pressPos_ = pos();
  QGraphicsItem::mousePressEvent(event);
}

void NodeItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
  QGraphicsItem::mouseReleaseEvent(event);
  if (pos() != pressPos_)
    if (auto* s = qobject_cast<TopologyScene*>(scene())) s->notifyNodeMoved(key_, pos());
}

// ---------------------------------------------------------------------------------------------- EdgeItem

EdgeItem::EdgeItem(NodeItem* from, NodeItem* to, Style style, QString label, int parallelIndex)
    : from_(from), to_(to), style_(style), label_(std::move(label)), parallelIndex_(parallelIndex) {
  setZValue(0);
  setFlag(ItemIsSelectable);
  updateGeometry();
}

void EdgeItem::updateGeometry() {
  prepareGeometryChange();
  path_ = QPainterPath();
  const QPointF a0 = from_->pos();
  const QPointF b0 = to_->pos();
  QPointF tip;
  QPointF direction;
  if (from_ == to_) {
    // Routing back to itself: a loop above the node.
    const QRectF r = from_->shapeRect().translated(a0);
    const QPointF start(r.center().x() - 20, r.top());
    tip = QPointF(r.center().x() + 20, r.top());
    path_.moveTo(start);
    path_.cubicTo(start + QPointF(-20, -50), tip + QPointF(20, -50), tip);
    direction = QPointF(-0.3, 1);
    labelPos_ = QPointF(r.center().x(), r.top() - 42);
  } else {
    const QPointF d = b0 - a0;
    const double len = std::hypot(d.x(), d.y());
    const QPointF normal = len > 0 ? QPointF(-d.y() / len, d.x() / len) : QPointF(0, 1);
    const double bend = parallelIndex_ == 0 ? 0.0 : (parallelIndex_ % 2 ? 1 : -1) * 28.0 * ((parallelIndex_ + 1) / 2);
    const QPointF control = (a0 + b0) / 2 + normal * bend;
    const QPointF a = borderPoint(from_, control);
    tip = borderPoint(to_, control);
    path_.moveTo(a);
    path_.quadTo(control, tip);
    direction = tip - control;
    labelPos_ = (a + tip) / 4 + control / 2 + normal * 10;
  }
  const double dl = std::hypot(direction.x(), direction.y());
  const QPointF u = dl > 0 ? direction / dl : QPointF(1, 0);
  const QPointF n(-u.y(), u.x());
  constexpr double kHead = 11.0;
  arrow_ = QPolygonF({tip, tip - u * kHead + n * kHead * 0.45, tip - u * kHead - n * kHead * 0.45});
  update();
}

void EdgeItem::setDead(const QString& reason) {
  prepareGeometryChange();
  dead_ = true;
  label_ = (label_ + QStringLiteral(" ⚠ no traffic")).trimmed();
  setToolTip(reason);
  updateGeometry();
}

QRectF EdgeItem::labelRect() const {
  const QFontMetricsF metrics(QGuiApplication::font());
  const double w = metrics.horizontalAdvance(label_) + 8, h = metrics.height() + 2;
  return {labelPos_.x() - w / 2, labelPos_.y() - h / 2, w, h};
}

QRectF EdgeItem::boundingRect() const {
  return path_.boundingRect().united(arrow_.boundingRect()).united(labelRect()).adjusted(-6, -6, 6, 6);
}

QPainterPath EdgeItem::shape() const {
  QPainterPathStroker stroker;
  stroker.setWidth(10);
  return stroker.createStroke(path_);
}

void EdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) {
  const QPalette pal = paletteFor(widget);
  painter->setRenderHint(QPainter::Antialiasing);
  QColor color = style_ == Style::Entry ? pal.color(QPalette::PlaceholderText) : pal.color(QPalette::Text);
  if (dead_) color = QColor(215, 140, 20);  // amber: a warning, readable on light and dark palettes
  if (option->state & QStyle::State_Selected) color = pal.color(QPalette::Highlight);
  QPen pen(color, style_ == Style::Parallel ? 2.6 : 1.5);
  switch (style_) {
    case Style::Send: pen.setStyle(Qt::DashLine); break;
    case Style::Next: pen.setStyle(Qt::DotLine); break;
    default: pen.setStyle(Qt::SolidLine); break;
  }
  painter->setPen(pen);
  painter->setBrush(Qt::NoBrush);
  painter->drawPath(path_);
  painter->setPen(Qt::NoPen);
  painter->setBrush(color);
  painter->drawPolygon(arrow_);
  if (!label_.isEmpty()) {
    painter->setPen(color);
    painter->setFont(QGuiApplication::font());
    painter->drawText(labelRect(), Qt::AlignCenter, label_);
  }
}

// ------------------------------------------------------------------------------------------ TopologyScene

TopologyScene::TopologyScene(ScenarioDocument* document, QObject* parent)
    : QGraphicsScene(parent), document_(document) {
  connect(document_, &ScenarioDocument::changed, this, &TopologyScene::rebuild);
  connect(this, &QGraphicsScene::selectionChanged, this, [this] {
    if (!rebuilding_) emit selectedKeyChanged(selectedKey());
  });
  rebuild();
}

TopologyScene::~TopologyScene() {
  // ~QGraphicsScene removes the items and emits selectionChanged; this part of the object is gone by then.
  disconnect(this, &QGraphicsScene::selectionChanged, nullptr, nullptr);
}

NodeItem* TopologyScene::node(const QString& key) const {
  auto it = nodes_.find(key);
  return it == nodes_.end() ? nullptr : it->second;
}

QList<NodeItem*> TopologyScene::nodes() const {
  QList<NodeItem*> out;
  for (const auto& [key, item] : nodes_) out.push_back(item);
  return out;
}

QString TopologyScene::selectedKey() const {
  for (QGraphicsItem* item : selectedItems())
    if (auto* n = dynamic_cast<NodeItem*>(item)) return n->key();
  return {};
}

void TopologyScene::selectKey(const QString& key) {
  if (selectedKey() == key) return;
  clearSelection();
  if (NodeItem* n = node(key)) n->setSelected(true);
}

void TopologyScene::rebuild() {
  rebuilding_ = true;
  const QString selected = selectedKey();
  linkStart_ = nullptr;
  linkLine_ = nullptr;
  clear();
  nodes_.clear();

  const Scenario& scenario = document_->scenario();
  std::vector<NodeItem*> created;
  for (const Source& src : scenario.sources)
    created.push_back(new NodeItem(sourceKey(src.name), QString::fromStdString(src.name), subtitleFor(src), sourceNodeStyle()));
  for (const Component& c : scenario.components)
    created.push_back(new NodeItem(componentKey(c.name), QString::fromStdString(c.name), subtitleFor(c),
                                   nodeStyleForComponentType(nodeKindName(c))));
  std::map<QString, NodeItem*> byKey;
  for (NodeItem* item : created) byKey[item->key()] = item;

  // Automatic layout: layers left to right, each as wide as its widest node plus a gap for the edge labels.
  const std::vector<NodePlacement> placements = layeredLayout(scenario);
  std::map<int, double> layerWidth;
  double rowHeight = 0.0;
  for (const NodePlacement& p : placements) {
    const QString key = p.is_source ? sourceKey(p.name) : componentKey(p.name);
    if (NodeItem* item = byKey[key]) {
      layerWidth[p.layer] = std::max(layerWidth[p.layer], item->shapeRect().width());
      rowHeight = std::max(rowHeight, item->shapeRect().height());
    }
  }
  std::map<int, double> layerX;
  double x = 0.0, previousWidth = 0.0;
  for (const auto& [layer, width] : layerWidth) {
    if (!layerX.empty()) x += previousWidth / 2 + kLayerGap + width / 2;
    layerX[layer] = x;
    previousWidth = width;
  }
  std::map<QString, QPointF> layout;
  for (const NodePlacement& p : placements) {
    const QString key = p.is_source ? sourceKey(p.name) : componentKey(p.name);
    layout[key] = QPointF(layerX[p.layer], p.row * (rowHeight + kRowGap));
  }
  document_->fillMissingPositions(layout);
  const auto& positions = document_->positions();
  for (NodeItem* item : created) {
    auto it = positions.find(item->key());
    item->setPos(it != positions.end() ? it->second : QPointF());
    item->setHasIssues(!document_->issuesFor(item->key()).empty());
    addItem(item);
    nodes_[item->key()] = item;
  }

  // A drawn edge is dead when no behaviour that runs holds it (model findDeadLinks names the behaviours that
  // never run); it keeps its place on the canvas, in amber, so the user sees what they added does nothing.
  std::set<std::pair<std::string, std::string>> deadBehaviours;  // (component, class key)
  std::map<std::pair<std::string, std::string>, QString> deadReasons;  // (from, to) -> the warning
  for (const DeadLink& d : document_->deadLinks()) deadBehaviours.insert({d.component, d.behaviour_key});
  for (const ValidationIssue& w : document_->warnings())
    for (const DeadLink& d : document_->deadLinks())
      if (w.where == "component '" + d.component + "'" && w.field == "behaviour." + d.behaviour_key &&
          w.rule.find("'" + d.target + "'") != std::string::npos)
        deadReasons.emplace(std::make_pair(d.component, d.target), QString::fromStdString(w.message()));
  std::set<std::tuple<std::string, std::string, TopologyEdge::Kind>> liveLinks;
  for (const Component& c : scenario.components)
    for (const auto& [cls, b] : c.behaviour) {
      if (deadBehaviours.count({c.name, cls})) continue;
      forEachCall(b.steps, [&, &name = c.name](Step::Kind kind, const CallTarget& call) {
        const auto k = kind == Step::Kind::Send ? TopologyEdge::Kind::Send
                       : kind == Step::Kind::Parallel ? TopologyEdge::Kind::Parallel : TopologyEdge::Kind::Call;
        liveLinks.insert({name, call.target, k});
      });
      for (const RouteChoice& r : b.next) liveLinks.insert({c.name, r.to, TopologyEdge::Kind::Next});
    }

  std::map<std::pair<NodeItem*, NodeItem*>, int> pairCount;
  for (const TopologyEdge& e : collectEdges(scenario)) {
    NodeItem* from = node(e.from_source ? sourceKey(e.from) : componentKey(e.from));
    NodeItem* to = node(componentKey(e.to));
    if (!from || !to) continue;  // dangling reference: validation reports it on the node
    EdgeItem::Style style = EdgeItem::Style::Call;
    QString label;
    switch (e.kind) {
      case TopologyEdge::Kind::Entry: style = EdgeItem::Style::Entry; break;
      case TopologyEdge::Kind::Call: style = EdgeItem::Style::Call; break;
      case TopologyEdge::Kind::Parallel: style = EdgeItem::Style::Parallel; label = QStringLiteral("∥"); break;
      case TopologyEdge::Kind::Send: style = EdgeItem::Style::Send; label = QStringLiteral("send"); break;
      case TopologyEdge::Kind::Next:
        style = EdgeItem::Style::Next;
        label = QStringLiteral("p=%1").arg(readableNumber(e.probability));
        break;
    }
    if (e.kind != TopologyEdge::Kind::Next && e.probability < 1.0)
      label += QStringLiteral(" %1%").arg(readableNumber(e.probability * 100));
    if (e.request_class != kAnyClass && !e.request_class.empty())
      label += QStringLiteral(" [%1]").arg(QString::fromStdString(e.request_class));
    auto key = std::minmax(from, to);
    auto* edge = new EdgeItem(from, to, style, label.trimmed(), pairCount[{key.first, key.second}]++);
    if (!e.from_source && !liveLinks.count({e.from, e.to, e.kind})) {
      auto reason = deadReasons.find({e.from, e.to});
      if (reason != deadReasons.end()) edge->setDead(reason->second);
    }
    addItem(edge);
    from->addEdge(edge);
    if (to != from) to->addEdge(edge);
  }
  applyOverlay();
  if (NodeItem* n = node(selected)) n->setSelected(true);
  rebuilding_ = false;
  if (selectedKey() != selected) emit selectedKeyChanged(selectedKey());
}

void TopologyScene::setUtilization(const std::map<std::string, double>& utilizationByComponent) {
  utilization_ = utilizationByComponent;
  applyOverlay();
}

void TopologyScene::setBottleneck(const std::string& component, const QString& label, bool alarm) {
  bottleneck_ = component;
  bottleneckLabel_ = label;
  bottleneckAlarm_ = alarm;
  applyOverlay();
}

void TopologyScene::clearOverlay() {
  utilization_.clear();
  bottleneck_.clear();
  bottleneckLabel_.clear();
  applyOverlay();
}

void TopologyScene::applyOverlay() {
  for (const auto& [key, item] : nodes_) {
    if (!isComponentKey(key)) continue;
    const std::string name = nameFromKey(key);
    auto it = utilization_.find(name);
    item->setUtilization(it != utilization_.end() ? it->second : std::nan(""));
    item->setBottleneckLabel(name == bottleneck_ ? bottleneckLabel_ : QString(), bottleneckAlarm_);
  }
}

void TopologyScene::setLinkMode(std::optional<LinkKind> kind) {
  linkMode_ = kind;
  for (const auto& [key, item] : nodes_) item->setFlag(QGraphicsItem::ItemIsMovable, !kind.has_value());
}

void TopologyScene::notifyNodeMoved(const QString& key, QPointF pos) {
  // Queued: the command rebuilds the scene, which must not happen inside the moving item's own handler.
  QTimer::singleShot(0, this, [this, key, pos] { emit nodeMoved(key, pos); });
}

NodeItem* TopologyScene::nodeAt(QPointF scenePos) const {
  for (QGraphicsItem* item : items(scenePos))
    if (auto* n = dynamic_cast<NodeItem*>(item)) return n;
  return nullptr;
}

void TopologyScene::mousePressEvent(QGraphicsSceneMouseEvent* event) {
  if (linkMode_ && event->button() == Qt::LeftButton) {
    linkStart_ = nodeAt(event->scenePos());
    if (linkStart_) {
      linkLine_ = addLine(QLineF(linkStart_->pos(), event->scenePos()),
                          QPen(QGuiApplication::palette().color(QPalette::Highlight), 2, Qt::DashLine));
      event->accept();
      return;
    }
  }
  QGraphicsScene::mousePressEvent(event);
}

void TopologyScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
  if (linkLine_) {
    linkLine_->setLine(QLineF(linkStart_->pos(), event->scenePos()));
    event->accept();
    return;
  }
  QGraphicsScene::mouseMoveEvent(event);
}

void TopologyScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
  if (linkLine_) {
    NodeItem* end = nodeAt(event->scenePos());
    const QString fromKey = linkStart_->key();
    delete linkLine_;
    linkLine_ = nullptr;
    linkStart_ = nullptr;
    if (end && linkMode_) {
      const QString toKey = end->key();
      const LinkKind kind = *linkMode_;
      QTimer::singleShot(0, this, [this, fromKey, toKey, kind] { emit linkRequested(fromKey, toKey, kind); });
    }
    event->accept();
    return;
  }
  QGraphicsScene::mouseReleaseEvent(event);
}

}  // namespace headroom
