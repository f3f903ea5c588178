#pragma once
// The one palette of every chart in the desktop (main window charts, planning views, project views): series i
// gets paletteColor(i), and a component gets the colour of its position in the scenario, so a component keeps
// its colour in every chart. Header-only so that ui, ui/planning and ui/project share it without a library.
#include <cmath>
#include <iterator>
#include <string>

#include <QColor>

#include "model/scenario.h"

namespace headroom {

// Twenty colours that differ in hue or lightness, then golden-angle hues: no two of the first thirty are equal.
inline QColor paletteColor(int index) {
  static const QColor colors[] = {
      QColor(31, 119, 180),  QColor(255, 127, 14), QColor(44, 160, 44),   QColor(214, 39, 40),  QColor(148, 103, 189),
      QColor(140, 86, 75),   QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34), QColor(23, 190, 207),
      QColor(0, 63, 125),    QColor(166, 86, 0),   QColor(0, 100, 0),     QColor(128, 0, 38),   QColor(84, 39, 143),
      QColor(230, 171, 2),   QColor(102, 166, 30), QColor(231, 41, 138),  QColor(27, 158, 119), QColor(55, 55, 55)};
  if (index >= 0 && index < static_cast<int>(std::size(colors))) return colors[index];
  return QColor::fromHsvF(static_cast<float>(std::fmod(std::abs(index) * 0.618033988749895, 1.0)), 0.75f, 0.8f);
}

// index = the component's position in the scenario.
inline QColor componentColor(int index) { return paletteColor(index); }

// The component by name; grey when the scenario has no such component.
inline QColor componentColor(const Scenario& scenario, const std::string& component) {
  for (std::size_t i = 0; i < scenario.components.size(); ++i)
    if (scenario.components[i].name == component) return componentColor(static_cast<int>(i));
  return QColor(120, 120, 120);
}

}  // namespace headroom
