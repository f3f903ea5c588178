#include "ui/inspector/cluster_section.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>

#include "ui/scenario_document.h"

namespace headroom {

std::function<void(Scenario&, double)> ClusterSection::onCluster(std::function<void(ClusterSpec&, double)> change) {
  return [change = std::move(change)](Scenario& s, double v) {
    if (s.cluster) change(*s.cluster, v);
  };
}

std::function<void(Scenario&, double)> ClusterSection::onPool(std::function<void(NodePoolSpec&, double)> change) {
  return [this, change = std::move(change)](Scenario& s, double v) {
    if (s.cluster && selected() < static_cast<int>(s.cluster->node_pools.size()))
      change(s.cluster->node_pools[static_cast<std::size_t>(selected())], v);
  };
}

ClusterSection::ClusterSection(ScenarioDocument* document, QWidget* parent) : InspectorSection(document, tr("Cluster"), parent) {
  setObjectName(QStringLiteral("clusterSection"));
  enabled_ = addCheck(tr("Pods run on node pools"), QStringLiteral("cluster"),
                      [](Scenario& s, bool on) {
                        if (!on) {
                          s.cluster.reset();
                          return;
                        }
                        ClusterSpec c;
                        NodePoolSpec pool;
                        pool.name = "general";
                        c.node_pools.push_back(pool);
                        s.cluster = c;
                      },
                      tr("Toggle cluster"));
  enabled_->setObjectName(QStringLiteral("clusterEnabled"));
  enabled_->setToolTip(tr("Components with a pod block run on these node pools; the Cluster Autoscaler adds and removes nodes"));
  scan_ = addNumber(tr("Scan interval"), QStringLiteral("scan_interval_s"), 0.0, 3600.0, 1, tr(" s"),
                    onCluster([](ClusterSpec& c, double v) { c.scan_interval_s = v; }), tr("Set scan interval"));
  provisioning_ = addNumber(tr("Node provisioning"), QStringLiteral("provisioning_delay_s"), 0.0, 86400.0, 1, tr(" s"),
                            onCluster([](ClusterSpec& c, double v) { c.provisioning_delay_s = v; }), tr("Set provisioning delay"));
  threshold_ = addNumber(tr("Scale down below"), QStringLiteral("scale_down_utilization_threshold"), 0.0, 1.0, 2, QString(),
                         onCluster([](ClusterSpec& c, double v) { c.scale_down_utilization_threshold = v; }), tr("Set scale-down threshold"));
  unneeded_ = addNumber(tr("  for"), QStringLiteral("scale_down_unneeded_time_s"), 0.0, 86400.0, 1, tr(" s"),
                        onCluster([](ClusterSpec& c, double v) { c.scale_down_unneeded_time_s = v; }), tr("Set unneeded time"));
  picker_ = addPicker(tr("Node pool"),
                      [](Scenario& s) {
                        if (!s.cluster) return;
                        NodePoolSpec pool;
                        pool.name = "pool" + std::to_string(s.cluster->node_pools.size() + 1);
                        pool.initial_nodes = 0;
                        s.cluster->node_pools.push_back(pool);
                      },
                      [](Scenario& s, int index) {
                        if (s.cluster && index >= 0 && index < static_cast<int>(s.cluster->node_pools.size()))
                          s.cluster->node_pools.erase(s.cluster->node_pools.begin() + index);
                      },
                      tr("node pool"));
  poolName_ = addText(tr("  name"), QStringLiteral("node_pools.name"),
                      [this](Scenario& s, const std::string& text) {
                        if (!s.cluster || text.empty() || selected() >= static_cast<int>(s.cluster->node_pools.size())) return false;
                        s.cluster->node_pools[static_cast<std::size_t>(selected())].name = text;
                        return true;
                      },
                      tr("Rename node pool"));
  cpu_ = addNumber(tr("  cores per node"), QStringLiteral("node_pools.cpu_cores"), 0.0, 1024.0, 2, QString(),
                   onPool([](NodePoolSpec& p, double v) { p.cpu_cores = v; }), tr("Set node cores"));
  cpu_->setObjectName(QStringLiteral("nodeCores"));
  memory_ = addNumber(tr("  memory per node"), QStringLiteral("node_pools.memory_gib"), 0.0, 16384.0, 1, tr(" GiB"),
                      onPool([](NodePoolSpec& p, double v) { p.memory_gib = v; }), tr("Set node memory"));
  minNodes_ = addInteger(tr("  min nodes"), QStringLiteral("node_pools.min_nodes"), 0, 10000,
                         onPool([](NodePoolSpec& p, double v) { p.min_nodes = static_cast<int>(v); }), tr("Set min nodes"));
  maxNodes_ = addInteger(tr("  max nodes"), QStringLiteral("node_pools.max_nodes"), 0, 10000,
                         onPool([](NodePoolSpec& p, double v) { p.max_nodes = static_cast<int>(v); }), tr("Set max nodes"));
  maxNodes_->setObjectName(QStringLiteral("maxNodes"));
  initialNodes_ = addInteger(tr("  nodes at start"), QStringLiteral("node_pools.initial_nodes"), 0, 10000,
                             onPool([](NodePoolSpec& p, double v) { p.initial_nodes = static_cast<int>(v); }), tr("Set initial nodes"));
  instanceType_ = addText(tr("  instance type"), QStringLiteral("node_pools.instance_type"),
                          [this](Scenario& s, const std::string& text) {
                            if (!s.cluster || selected() >= static_cast<int>(s.cluster->node_pools.size())) return false;
                            s.cluster->node_pools[static_cast<std::size_t>(selected())].instance_type = text;
                            return true;
                          },
                          tr("Set instance type"));
  instanceType_->setPlaceholderText(tr("e.g. m5.xlarge (for cost)"));
}

bool ClusterSection::ownsWhere(const std::string& where) const { return where == "cluster"; }

QString ClusterSection::rowFor(const ValidationIssue& issue) const {
  // node_pools[i].cpu_cores -> the row of that field when pool i is the one shown.
  const std::string prefix = "node_pools[" + std::to_string(selected()) + "].";
  if (issue.field.rfind(prefix, 0) == 0) return QStringLiteral("node_pools.") + QString::fromStdString(issue.field.substr(prefix.size()));
  if (issue.field == "node_pools") return QStringLiteral("cluster");
  return InspectorSection::rowFor(issue);
}

bool ClusterSection::update(const Scenario& scenario) {
  const ClusterSpec* c = scenario.cluster ? &*scenario.cluster : nullptr;
  enabled_->setChecked(c != nullptr);
  QStringList pools;
  if (c)
    for (const NodePoolSpec& p : c->node_pools) pools << QString::fromStdString(p.name.empty() ? std::string("(unnamed)") : p.name);
  setPickerItems(pools);
  const NodePoolSpec* pool = c && selected() < static_cast<int>(c->node_pools.size()) ? &c->node_pools[static_cast<std::size_t>(selected())] : nullptr;
  for (QWidget* w : std::initializer_list<QWidget*>{scan_, provisioning_, threshold_, unneeded_, picker_->parentWidget()}) setRowVisible(w, c);
  for (QWidget* w : std::initializer_list<QWidget*>{poolName_, cpu_, memory_, minNodes_, maxNodes_, initialNodes_, instanceType_})
    setRowVisible(w, pool);
  if (c) {
    scan_->setValue(c->scan_interval_s);
    provisioning_->setValue(c->provisioning_delay_s);
    threshold_->setValue(c->scale_down_utilization_threshold);
    unneeded_->setValue(c->scale_down_unneeded_time_s);
  }
  if (pool) {
    poolName_->setText(QString::fromStdString(pool->name));
    cpu_->setValue(pool->cpu_cores);
    memory_->setValue(pool->memory_gib);
    minNodes_->setValue(pool->min_nodes);
    maxNodes_->setValue(pool->max_nodes);
    initialNodes_->setValue(pool->initial_nodes);
    instanceType_->setText(QString::fromStdString(pool->instance_type));
  }
  return true;
}

}  // namespace headroom
