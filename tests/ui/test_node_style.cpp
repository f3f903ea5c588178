// The canvas look-up tables (ui/node_style.h): utilization colour scale and type -> shape mapping.
#include <QtTest>

#include <cmath>

#include "ui/node_style.h"

using namespace headroom;

class TestNodeStyle : public QObject {
  Q_OBJECT

 private slots:
  void utilizationScaleRunsFromGreenToRed() {
    const QColor idle = utilizationColor(0.0);
    const QColor busy = utilizationColor(0.8);
    const QColor saturated = utilizationColor(0.95);
    QVERIFY(idle.green() > idle.red());
    QVERIFY(saturated.red() > 2 * saturated.green());
    QVERIFY(busy.red() > idle.red());
    QCOMPARE(utilizationColor(0.9), utilizationColor(1.7));  // red from 90% on, also above 100%
    QVERIFY(!utilizationColor(std::nan("")).isValid());      // no data: the palette decides
  }

  void everyKnownTypeHasItsOwnLook() {
    QCOMPARE(nodeStyleForComponentType(QStringLiteral("service")).shape, NodeShape::RoundedRect);
    QCOMPARE(nodeStyleForComponentType(QStringLiteral("delay")).shape, NodeShape::Stadium);
    QCOMPARE(nodeStyleForComponentType(QStringLiteral("database")).shape, NodeShape::Cylinder);
    QCOMPARE(nodeStyleForComponentType(QStringLiteral("queue")).shape, NodeShape::Parallelogram);
    // A type the table does not know yet is drawn as a service, labelled with its own name.
    const NodeStyle unknown = nodeStyleForComponentType(QStringLiteral("mainframe"));
    QCOMPARE(unknown.shape, NodeShape::RoundedRect);
    QCOMPARE(unknown.badge, QStringLiteral("mainframe"));
    for (NodeShape shape : {NodeShape::RoundedRect, NodeShape::Ellipse, NodeShape::Hexagon, NodeShape::Cylinder,
                            NodeShape::Parallelogram, NodeShape::Stadium, NodeShape::Diamond, NodeShape::Cloud}) {
      const QRectF rect(-50, -20, 100, 40);
      const QPainterPath path = nodeShapePath(shape, rect);
      QVERIFY(!path.isEmpty());
      QVERIFY(rect.adjusted(-1, -1, 1, 1).contains(path.boundingRect()));
    }
  }
};

QTEST_APPLESS_MAIN(TestNodeStyle)
#include "test_node_style.moc"
