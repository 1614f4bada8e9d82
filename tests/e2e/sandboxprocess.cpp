#include "sandboxprocess.h"

#include "formcodec.h"
#include "json.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>
#include <QtTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace remise::test {

SandboxProcess::SandboxProcess() = default;

SandboxProcess::~SandboxProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000))
            m_process->kill();
        m_process->waitForFinished(2000);
    }
}

bool SandboxProcess::start(const QStringList &extraArguments)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->start(QStringLiteral(REMISE_BIN_DIR "/remise-sandbox"),
                     QStringList{u"--listen"_s, u"127.0.0.1:0"_s} + extraArguments);
    if (!m_process->waitForStarted(10'000)) {
        qWarning() << "remise-sandbox did not start:" << m_process->errorString();
        return false;
    }
    static const QRegularExpression listening(u"listening on (http://127\\.0\\.0\\.1:\\d+)"_s);
    QByteArray seen;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 15'000) {
        m_process->waitForReadyRead(200);
        seen += m_process->readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(seen));
        if (match.hasMatch()) {
            m_base = QUrl(match.captured(1));
            return true;
        }
        if (m_process->state() == QProcess::NotRunning)
            break;
    }
    qWarning() << "remise-sandbox never said where it listens:" << seen
               << m_process->readAllStandardError();
    return false;
}

HttpReply SandboxProcess::call(const QByteArray &method, const QString &path,
                               const QJsonObject &params, const QByteArray &stripeVersion)
{
    QNetworkAccessManager network;
    QUrl url = m_base;
    url.setPath(path);
    const bool stripeApi = path.startsWith(u"/v1/"_s);
    QByteArray body;
    if (stripeApi && method == "GET" && !params.isEmpty())
        url.setQuery(QString::fromUtf8(form::encode(params)));
    else if (stripeApi)
        body = form::encode(params);
    else if (!params.isEmpty())
        body = QJsonDocument(params).toJson(QJsonDocument::Compact);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", QByteArray("Bearer ") + testKey);
    request.setHeader(
        QNetworkRequest::ContentTypeHeader,
        QByteArray(stripeApi ? "application/x-www-form-urlencoded" : "application/json"));
    if (!stripeVersion.isEmpty())
        request.setRawHeader("Stripe-Version", stripeVersion);
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20'000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpReply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.raw = reply->readAll();
    out.body = QJsonDocument::fromJson(out.raw).object();
    reply->deleteLater();
    return out;
}

QString SandboxProcess::createSession(const QString &email, const QString &tier,
                                      const QString &country, bool serverOnly)
{
    ++m_sessions;
    const HttpReply customer = call("POST", u"/v1/customers"_s,
                                    {{u"email"_s, email},
                                     {u"name"_s, u"Test Customer %1"_s.arg(m_sessions)},
                                     {u"metadata"_s, QJsonObject{{u"loyalty_tier"_s, tier}}}});
    const QString customerId = customer.body.value(u"id").toString();
    QJsonObject params{
        {u"mode"_s, u"payment"_s},
        {u"ui_mode"_s, u"custom"_s},
        {u"return_url"_s, u"https://shop.example/return"_s},
        {u"customer"_s, customerId},
        {u"line_items"_s,
         QJsonArray{
             QJsonObject{
                 {u"quantity"_s, 2},
                 {u"price_data"_s,
                  QJsonObject{{u"currency"_s, u"eur"_s},
                              {u"unit_amount"_s, 4500},
                              {u"product_data"_s, QJsonObject{{u"name"_s, u"Linen apron"_s}}}}}},
             QJsonObject{{u"quantity"_s, 1},
                         {u"price_data"_s,
                          QJsonObject{{u"currency"_s, u"eur"_s},
                                      {u"unit_amount"_s, 9000},
                                      {u"product_data"_s,
                                       QJsonObject{{u"name"_s, u"Cast-iron skillet"_s}}}}}}}}};
    if (serverOnly)
        params.insert(u"permissions"_s, QJsonObject{{u"update_discounts"_s, u"server_only"_s}});
    const HttpReply created = call("POST", u"/v1/checkout/sessions"_s, params,
                                   "2025-03-31.basil; checkout_server_update_beta=v1");
    const QString id = created.body.value(u"id").toString();
    if (id.isEmpty()) {
        qWarning() << "could not create a session:" << created.status << created.raw;
        return {};
    }
    if (!country.isEmpty())
        call("POST", u"/_sandbox/checkout/sessions/%1/shipping"_s.arg(id),
             {{u"country"_s, country},
              {u"name"_s, u"Test Customer"_s},
              {u"city"_s, u"Somewhere"_s}});
    return id;
}

QJsonObject SandboxProcess::session(const QString &id)
{
    return call("GET", u"/v1/checkout/sessions/"_s + id,
                {{u"expand"_s, QJsonArray{u"discounts.coupon"_s, u"line_items"_s}}})
        .body;
}

QList<QJsonObject> SandboxProcess::requests(const QString &method, const QString &path)
{
    QList<QJsonObject> out;
    for (const QJsonValue &r : call("GET", u"/_sandbox/requests"_s).body.value(u"data").toArray()) {
        const QJsonObject o = r.toObject();
        if (o.value(u"method").toString() == method && o.value(u"path").toString() == path)
            out.append(o);
    }
    return out;
}

void SandboxProcess::clearRequests()
{
    call("DELETE", u"/_sandbox/requests"_s);
}

void SandboxProcess::injectFault(const QJsonObject &fault)
{
    const HttpReply reply = call("POST", u"/_sandbox/faults"_s, fault);
    if (reply.status != 200)
        qWarning() << "fault not accepted:" << reply.status << reply.raw;
}

void SandboxProcess::clearFaults()
{
    call("DELETE", u"/_sandbox/faults"_s);
}

QString SandboxProcess::databasePath() const
{
    return m_dir.filePath(u"remise.db"_s);
}

CliRun SandboxProcess::remiseServer(const QStringList &arguments, const QMap<QString, QString> &env)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"STRIPE_SECRET_KEY"_s, u"REMISE_STRIPE_SECRET_KEY_FILE"_s})
        environment.remove(name);
    environment.insert(u"REMISE_STRIPE_SECRET_KEY"_s, QString::fromLatin1(testKey));
    environment.insert(u"REMISE_STRIPE_API_BASE"_s, m_base.toString());
    environment.insert(u"REMISE_DB"_s, databasePath());
    for (auto it = env.begin(); it != env.end(); ++it)
        environment.insert(it.key(), it.value());
    process.setProcessEnvironment(environment);
    QElapsedTimer timer;
    timer.start();
    process.start(QStringLiteral(REMISE_BIN_DIR "/remise-server"), arguments);
    CliRun run;
    if (!process.waitForFinished(90'000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.elapsedMs = timer.elapsed();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace remise::test
