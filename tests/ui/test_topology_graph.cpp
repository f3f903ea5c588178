// The scenario as a drawable graph (ui/topology_graph.h) and the reference-keeping edits
// (ui/scenario_edits.h) the canvas uses.
#include <QtTest>

#include <algorithm>

#include "ui/example_scenario.h"
#include "ui/scenario_edits.h"
#include "ui/topology_graph.h"

using namespace headroom;

namespace {

const NodePlacement* placement(const std::vector<NodePlacement>& all, const std::string& name) {
  auto it = std::find_if(all.begin(), all.end(), [&](const NodePlacement& p) { return p.name == name; });
  return it == all.end() ? nullptr : &*it;
}

bool hasEdge(const std::vector<TopologyEdge>& edges, const std::string& from, const std::string& to,
             TopologyEdge::Kind kind) {
  return std::any_of(edges.begin(), edges.end(),
                     [&](const TopologyEdge& e) { return e.from == from && e.to == to && e.kind == kind; });
}

}  // namespace

class TestTopologyGraph : public QObject {
  Q_OBJECT

 private slots:
  void edgesOfTheExample() {
    const std::vector<TopologyEdge> edges = collectEdges(exampleScenario());
    QVERIFY(hasEdge(edges, "web", "api", TopologyEdge::Kind::Entry));
    QVERIFY(hasEdge(edges, "api", "db", TopologyEdge::Kind::Call));
    QVERIFY(hasEdge(edges, "api", "payments", TopologyEdge::Kind::Call));
    QCOMPARE(edges.size(), std::size_t{3});
    // The payments call sits in a branch arm taken 10% of the time.
    for (const TopologyEdge& e : edges)
      if (e.to == "payments") QCOMPARE(e.probability, 0.1);
  }

  void layersFollowCallDepth() {
    const std::vector<NodePlacement> layout = layeredLayout(exampleScenario());
    QCOMPARE(placement(layout, "web")->layer, 0);
    QVERIFY(placement(layout, "web")->is_source);
    QCOMPARE(placement(layout, "api")->layer, 1);
    QCOMPARE(placement(layout, "db")->layer, 2);
    QCOMPARE(placement(layout, "payments")->layer, 2);
    QVERIFY(placement(layout, "db")->row != placement(layout, "payments")->row);
  }

  void routingLoopsAndOrphansStillGetALayer() {
    Scenario s = exampleScenario();
    // db routes back to api (a loop through `next`) and an unconnected cache exists.
    QVERIFY(addLink(s, "db", "api", LinkKind::Next));
    Component cache;
    cache.name = "cache";
    s.components.push_back(cache);
    const std::vector<NodePlacement> layout = layeredLayout(s);
    QCOMPARE(layout.size(), std::size_t{5});
    QCOMPARE(placement(layout, "api")->layer, 1);  // the back edge does not push api to the right
    QCOMPARE(placement(layout, "db")->layer, 2);
    QCOMPARE(placement(layout, "cache")->layer, 1);
    QVERIFY(hasEdge(collectEdges(s), "db", "api", TopologyEdge::Kind::Next));
  }

  void renameKeepsReferences() {
    Scenario s = exampleScenario();
    QVERIFY(renameComponent(s, "db", "postgres"));
    QVERIFY(hasEdge(collectEdges(s), "api", "postgres", TopologyEdge::Kind::Call));
    QVERIFY(!renameComponent(s, "api", "postgres"));  // taken
    QVERIFY(renameComponent(s, "api", "backend"));
    QCOMPARE(QString::fromStdString(s.sources[0].entry), QStringLiteral("backend"));
  }

  void removingAComponentRemovesItsCalls() {
    Scenario s = exampleScenario();
    removeComponent(s, "db");
    QVERIFY(!s.findComponent("db"));
    const std::vector<TopologyEdge> edges = collectEdges(s);
    QVERIFY(std::none_of(edges.begin(), edges.end(), [](const TopologyEdge& e) { return e.to == "db"; }));
    QVERIFY(hasEdge(edges, "api", "payments", TopologyEdge::Kind::Call));
  }

  void uniqueNamesSkipTakenOnes() {
    const Scenario s = exampleScenario();
    QCOMPARE(QString::fromStdString(uniqueNodeName(s, "db")), QStringLiteral("db2"));
    QCOMPARE(QString::fromStdString(uniqueNodeName(s, "web")), QStringLiteral("web2"));
    QCOMPARE(QString::fromStdString(uniqueNodeName(s, "cache")), QStringLiteral("cache"));
  }
};

QTEST_APPLESS_MAIN(TestTopologyGraph)
#include "test_topology_graph.moc"
