#pragma once
// The field picker the Sweeps and Optimizer views share: an editable box of the scenario's sweepable fields
// (sweep pointers, sweep_builder.h), so a field the file leaves at its default can still be typed.
#include <QComboBox>

#include "model/scenario.h"

namespace headroom::planning_views {

QComboBox* makeFieldBox(QWidget* parent, int minimumCharacters);
// Lists the scenario's fields again, keeping what the box showed.
void fillFieldBox(QComboBox* box, const Scenario& scenario);

}  // namespace headroom::planning_views
