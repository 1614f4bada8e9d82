// remise-sandbox: a local, stateful stand-in for the part of Stripe's API Remise uses.

#include "clock.h"
#include "logging.h"
#include "sandbox.h"
#include "unixsignals.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"remise-sandbox"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(REMISE_VERSION));
    remise::logging::install(remise::logging::Format::Text);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A local stand-in for Stripe's Checkout Session API (test mode only)."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption version(u"version"_s, u"Print the version."_s);
    parser.addOptions({help, version});
    const QCommandLineOption listen(u"listen"_s,
                                    u"Loopback address and port (port 0: any free one)."_s,
                                    u"ADDRESS:PORT"_s, u"127.0.0.1:12111"_s);
    const QCommandLineOption seed(u"seed"_s, u"Fill the sandbox with data: demo."_s, u"NAME"_s);
    const QCommandLineOption webhookUrl(u"webhook-url"_s, u"Where to send signed webhook events."_s,
                                        u"URL"_s);
    const QCommandLineOption webhookSecret(
        u"webhook-secret"_s, u"The endpoint secret that signs them (whsec_…)."_s, u"SECRET"_s);
    const QCommandLineOption storefrontService(
        u"storefront-service"_s,
        u"The discount service (remise-server serve) the demo storefront page at "
        u"/_sandbox/storefront/ calls."_s,
        u"URL"_s);
    parser.addOptions({listen, seed, webhookUrl, webhookSecret, storefrontService});
    // The command-line conventions of every Remise executable (docs/cli.md): --help and
    // --version on stdout with status 0, a wrong command line is status 2.
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "remise-sandbox: %s\nRun 'remise-sandbox --help' for usage.\n",
                     qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(help)) {
        std::fputs(qPrintable(u"Usage: "_s + parser.helpText().section(u"Usage: "_s, 1)), stdout);
        return 0;
    }
    if (parser.isSet(version)) {
        std::printf("remise-sandbox %s\n", REMISE_VERSION);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "remise-sandbox: unexpected argument \"%s\"\n",
                     qPrintable(parser.positionalArguments().first()));
        return 2;
    }

    const QString where = parser.value(listen);
    const qsizetype colon = where.lastIndexOf(u':');
    bool portOk = false;
    const int port = where.mid(colon + 1).toInt(&portOk);
    const QString host = where.left(colon).remove(u'[').remove(u']');
    const QHostAddress address(host == u"localhost" ? u"127.0.0.1"_s : host);
    if (colon <= 0 || !portOk || port < 0 || port > 65535 || address.isNull()) {
        std::fprintf(stderr, "remise-sandbox: --listen wants ADDRESS:PORT, e.g. 127.0.0.1:12111\n");
        return 2;
    }
    if (!address.isLoopback()) {
        std::fprintf(stderr,
                     "remise-sandbox: refusing to listen on %s: the sandbox serves loopback only\n",
                     qPrintable(address.toString()));
        return 2;
    }
    if (parser.isSet(seed) && parser.value(seed) != u"demo") {
        std::fprintf(stderr, "remise-sandbox: unknown seed \"%s\" (expected demo)\n",
                     qPrintable(parser.value(seed)));
        return 2;
    }
    if (parser.isSet(webhookUrl) != parser.isSet(webhookSecret)) {
        std::fprintf(stderr, "remise-sandbox: --webhook-url and --webhook-secret go together\n");
        return 2;
    }

    remise::sandbox::Sandbox sandbox(remise::SystemClock::instance());
    if (parser.isSet(seed)) {
        if (const remise::Status seeded = sandbox.seedDemo(); !seeded) {
            std::fprintf(stderr, "remise-sandbox: cannot load the demo seed: %s\n",
                         qPrintable(seeded.error().describe()));
            return 1;
        }
    }
    if (parser.isSet(webhookUrl))
        sandbox.configureWebhooks(QUrl(parser.value(webhookUrl)),
                                  parser.value(webhookSecret).toUtf8());
    if (parser.isSet(storefrontService)) {
        const QUrl service(parser.value(storefrontService), QUrl::StrictMode);
        if (!service.isValid() || (service.scheme() != u"http" && service.scheme() != u"https")) {
            std::fprintf(stderr, "remise-sandbox: --storefront-service wants an http(s) URL\n");
            return 2;
        }
        sandbox.setStorefrontService(service);
    }
    const quint16 bound = sandbox.listen(address, quint16(port));
    if (!bound) {
        std::fprintf(stderr, "remise-sandbox: cannot listen on %s\n", qPrintable(where));
        return 1;
    }
    remise::quitOnTermination(app);
    const QString shown = address.protocol() == QAbstractSocket::IPv6Protocol
                              ? u"[%1]"_s.arg(address.toString())
                              : address.toString();
    std::printf("remise-sandbox listening on http://%s:%u\n", qPrintable(shown), unsigned(bound));
    std::fflush(stdout);
    return app.exec();
}
