#pragma once

// Test support: runs the real remise-sandbox binary on a free loopback port and the real
// remise-server binary against it, and talks to the sandbox over HTTP.

#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace remise::test {

struct HttpReply
{
    int status = 0;
    QJsonObject body;
    QByteArray raw;
};

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
};

class SandboxProcess
{
public:
    static constexpr const char *testKey = "sk_test_remiseEndToEnd4242";

    SandboxProcess();
    ~SandboxProcess();

    /// Starts the binary (extra arguments appended); false with a message on failure.
    bool start(const QStringList &extraArguments = {});
    QUrl baseUrl() const { return m_base; }

    /// Calls the sandbox: `form` is sent form-encoded (Stripe's way) for /v1, JSON for /_sandbox.
    HttpReply call(const QByteArray &method, const QString &path, const QJsonObject &params = {},
                   const QByteArray &stripeVersion = {});

    /// A Checkout Session like the worked example: 2 aprons at 45.00 and a skillet at 90.00 EUR,
    /// for a customer with the given loyalty tier, shipping to `country`.
    QString createSession(const QString &email, const QString &tier, const QString &country,
                          bool serverOnly = true);
    /// Retrieves a session with its coupon expanded.
    QJsonObject session(const QString &id);
    /// The /v1 requests the sandbox received for `path`, in order.
    QList<QJsonObject> requests(const QString &method, const QString &path);
    void clearRequests();
    void injectFault(const QJsonObject &fault);
    void clearFaults();

    /// Runs remise-server with the sandbox, a test key and this fixture's database.
    CliRun remiseServer(const QStringList &arguments, const QMap<QString, QString> &env = {});
    QString databasePath() const;

private:
    std::unique_ptr<QProcess> m_process;
    QTemporaryDir m_dir;
    QUrl m_base;
    int m_sessions = 0;
};

} // namespace remise::test
