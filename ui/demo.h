#pragma once

#include "result.h"

#include <QObject>
#include <QUrl>

class QProcess;

namespace remise::ui {

/// The demo (docs/desktop.md): `remise --demo` starts its own `remise-sandbox --seed demo` on a
/// free loopback port and stops it when the app quits, and fills a fresh demo database with
/// the sample campaigns, segments and customers of resources/demo.
class DemoSandbox : public QObject
{
    Q_OBJECT
public:
    /// Any sk_test_ key is accepted by the sandbox; this one says where it comes from.
    static constexpr auto key = "sk_test_remiseDemo0000";

    explicit DemoSandbox(QObject *parent = nullptr);
    ~DemoSandbox() override;

    /// Starts the sandbox and waits (at most `timeoutMs`) until it listens.
    Result<QUrl> start(int timeoutMs = 10'000);
    void stop();
    QUrl url() const { return m_url; }

    /// remise-sandbox beside this executable, else $REMISE_SANDBOX, else on the PATH.
    static QString sandboxBinary();
    /// A fresh demo database at `path` (an old one is replaced): migrated, with the sample rule
    /// book and customer profiles.
    static Status createDatabase(const QString &path);
    /// Where `remise --demo` keeps its database: <data dir>/demo.db.
    static QString defaultDatabasePath();

private:
    QProcess *m_process = nullptr;
    QUrl m_url;
};

} // namespace remise::ui
