#pragma once
// The main window as the GUI tests open it: no default scenario on first start, no modal prompts.
#include "ui/main_window.h"

namespace headroom::test {

inline MainWindowOptions testOptions() {
  MainWindowOptions o;
  o.openDefaultOnFirstStart = false;
  o.askBeforeDiscarding = false;
  return o;
}

}  // namespace headroom::test
