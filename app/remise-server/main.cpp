// remise-server: the headless mode — the HTTP service and the admin command line.

#include "cli.h"
#include "logging.h"

#include <QCoreApplication>
#include <QLoggingCategory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("remise"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REMISE_VERSION));
    remise::logging::install(remise::logging::Format::Text);
    // A command line says what it did on stdout; progress lines are for --verbose (or
    // QT_LOGGING_RULES, which still wins).
    QStringList arguments = QCoreApplication::arguments();
    const bool verbose = arguments.removeAll(QStringLiteral("--verbose")) +
                             arguments.removeAll(QStringLiteral("-v")) >
                         0;
    if (!verbose)
        QLoggingCategory::setFilterRules(QStringLiteral("remise.*.info=false"));
    return remise::cli::run(app, arguments);
}
