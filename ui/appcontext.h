#pragma once

#include <QString>

namespace remise {
class Clock;
class Store;
class UpdateWorkflow;
namespace stripe {
class Client;
}
} // namespace remise

namespace remise::ui {

/// What every page of the desktop app needs, built once by the composition root (the main
/// window) and passed to each page's constructor: `XPage(AppContext &context, QWidget *parent)`.
/// Pages never reach for globals. Fields may be added; none are removed.
struct AppContext
{
    Store &store;         ///< the open database (this thread's connection): small reads and edits
    QString databasePath; ///< worker threads open their own connection to this file
    const Clock &clock;   ///< every "now" in the app comes from here (tests pin it)
    stripe::Client *stripe = nullptr;   ///< null until a Stripe key (or the demo) is configured
    UpdateWorkflow *workflow = nullptr; ///< null until a Stripe key (or the demo) is configured
    bool demo = false;                  ///< the DEMO badge: a local sandbox and a demo database
};

} // namespace remise::ui
