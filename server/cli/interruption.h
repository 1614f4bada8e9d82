#pragma once

#include <QObject>

class QSocketNotifier;

namespace remise::cli {

/// While it lives, SIGINT and SIGTERM do not kill the process: the first one emits
/// interrupted() on the event loop (through a self-pipe: nothing unsafe runs in the handler), so
/// the command can finish or cleanly abandon what is in flight; a second one stops the process
/// at once, as the signal would have. The previous handlers come back on destruction.
class Interruption : public QObject
{
    Q_OBJECT
public:
    explicit Interruption(QObject *parent = nullptr);
    ~Interruption() override;

    bool happened() const { return m_signal != 0; }
    int signalNumber() const { return m_signal; }

signals:
    void interrupted(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
    int m_signal = 0;
};

} // namespace remise::cli
