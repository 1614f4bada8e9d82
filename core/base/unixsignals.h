#pragma once

class QCoreApplication;

namespace remise {

/// Makes SIGTERM and SIGINT end the event loop cleanly (QCoreApplication::quit), through a
/// self-pipe so that nothing unsafe runs inside the signal handler.
void quitOnTermination(QCoreApplication &app);

} // namespace remise
