// remise-server: the headless mode — the HTTP service and the admin command line.

#include "cli.h"
#include "logging.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("remise"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REMISE_VERSION));
    remise::logging::install(remise::logging::Format::Text);
    // Global options (--db, --verbose), --help and --version are the command line's: see
    // docs/cli.md.
    return remise::cli::run(app, QCoreApplication::arguments());
}
