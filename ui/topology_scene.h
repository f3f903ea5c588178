#pragma once
// The topology canvas model: one NodeItem per source and component, one EdgeItem per link, rebuilt from
// the ScenarioDocument whenever it changes, plus a run overlay (utilization colours, bottleneck marker)
// that survives rebuilds. Drags and link gestures become document commands (queued, so no item is deleted
// while it is handling its own mouse event). GUI thread only.
#include <map>
#include <optional>
#include <vector>

#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QPointer>

#include "simulator/health/bottleneck.h"
#include "ui/node_style.h"
#include "ui/scenario_edits.h"

namespace headroom {

class ScenarioDocument;
class EdgeItem;

class NodeItem : public QGraphicsItem {
 public:
  // The node is sized to its three lines (kind, name, details with room for " · ρ 100%") in the app font.
  NodeItem(QString key, QString title, QString subtitle, NodeStyle style);

  const QString& key() const { return key_; }
  void setUtilization(double utilization);  // NaN = no data
  double utilization() const { return utilization_; }
  void setBottleneckLabel(const QString& label, bool alarm = true);  // empty = not the bottleneck; amber unless alarm
  const QString& bottleneckLabel() const { return bottleneckLabel_; }
  void setHasIssues(bool hasIssues);
  void addEdge(EdgeItem* edge) { edges_.push_back(edge); }
  QRectF shapeRect() const;
  QRectF badgeRect() const;  // empty without a badge
  const QString& title() const { return title_; }
  const QString& subtitle() const { return subtitle_; }

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 protected:
  QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;
  void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;

 private:
  QString key_, title_, subtitle_;
  NodeStyle style_;
  QSizeF size_;
  double utilization_;
  QString bottleneckLabel_;
  bool bottleneckAlarm_ = true;
  bool hasIssues_ = false;
  QPointF pressPos_;
  std::vector<EdgeItem*> edges_;
};

class EdgeItem : public QGraphicsItem {
 public:
  enum class Style { Entry, Call, Parallel, Send, Next };
  EdgeItem(NodeItem* from, NodeItem* to, Style style, QString label, int parallelIndex);

  NodeItem* from() const { return from_; }
  NodeItem* to() const { return to_; }
  Style style() const { return style_; }
  void updateGeometry();
  const QString& label() const { return label_; }
  QRectF labelRect() const;  // item coordinates, sized to the text
  // A link no request can take (model findDeadLinks): drawn amber and marked "⚠ no traffic", with the reason
  // in the tooltip.
  void setDead(const QString& reason);
  bool isDead() const { return dead_; }

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  NodeItem* from_;
  NodeItem* to_;
  Style style_;
  QString label_;
  bool dead_ = false;
  int parallelIndex_;  // 0 for the first edge between a pair, 1, 2... bend further apart
  QPainterPath path_;
  QPolygonF arrow_;
  QPointF labelPos_;
};

class TopologyScene : public QGraphicsScene {
  Q_OBJECT

 public:
  explicit TopologyScene(ScenarioDocument* document, QObject* parent = nullptr);
  ~TopologyScene() override;

  void rebuild();
  NodeItem* node(const QString& key) const;
  QList<NodeItem*> nodes() const;
  QString selectedKey() const;  // empty when none or an edge
  void selectKey(const QString& key);

  // Run overlay, per component in scenario order (names matched, so it survives reordering).
  void setUtilization(const std::map<std::string, double>& utilizationByComponent);
  // The badge under one component: `label` as shown; red when `alarm`, amber otherwise.
  void setBottleneck(const std::string& component, const QString& label, bool alarm);
  void clearOverlay();

  // Link gesture: while set, dragging from one node to another requests a link instead of moving.
  void setLinkMode(std::optional<LinkKind> kind);
  std::optional<LinkKind> linkMode() const { return linkMode_; }

  // Called by NodeItem; emits nodeMoved queued.
  void notifyNodeMoved(const QString& key, QPointF pos);

  static constexpr double kLayerSpacing = 230.0;  // where a new node goes (freeScenePosition)
  static constexpr double kRowSpacing = 110.0;
  static constexpr double kLayerGap = 70.0;  // between the widest nodes of two layers (room for edge labels)
  static constexpr double kRowGap = 40.0;

 signals:
  void nodeMoved(const QString& key, QPointF pos);
  void linkRequested(const QString& fromKey, const QString& toKey, headroom::LinkKind kind);
  void selectedKeyChanged(const QString& key);

 protected:
  void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
  void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;

 private:
  NodeItem* nodeAt(QPointF scenePos) const;
  void applyOverlay();

  ScenarioDocument* document_;
  std::map<QString, NodeItem*> nodes_;
  std::map<std::string, double> utilization_;
  std::string bottleneck_;
  QString bottleneckLabel_;
  bool bottleneckAlarm_ = true;
  std::optional<LinkKind> linkMode_;
  NodeItem* linkStart_ = nullptr;
  QGraphicsLineItem* linkLine_ = nullptr;
  bool rebuilding_ = false;
};

}  // namespace headroom
