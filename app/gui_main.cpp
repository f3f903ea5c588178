// The Headroom desktop application.
#include <QApplication>
#include <QCommandLineParser>

#include "ui/main_window.h"

int main(int argc, char* argv[]) {
  QGuiApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
  QApplication app(argc, argv);
  QCoreApplication::setOrganizationName(QStringLiteral("Headroom"));
  QCoreApplication::setApplicationName(QStringLiteral("Headroom"));
  QCoreApplication::setApplicationVersion(QStringLiteral(HEADROOM_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Capacity planning by simulation of queueing networks"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("Scenario file (JSON) to open"));
  parser.process(app);

  headroom::MainWindowOptions options;
  options.openDefaultOnFirstStart = parser.positionalArguments().isEmpty();
  headroom::MainWindow window(options);
  if (!parser.positionalArguments().isEmpty()) window.openScenarioFile(parser.positionalArguments().constFirst());
  window.show();
  return app.exec();
}
