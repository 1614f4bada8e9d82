#include "webhooksignature.h"

#include <QList>
#include <QMessageAuthenticationCode>

using namespace Qt::StringLiterals;

namespace remise::webhook {

namespace {

QByteArray hmacHex(const QByteArray &payload, const QByteArray &secret, qint64 timestamp)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, secret);
    mac.addData(QByteArray::number(timestamp));
    mac.addData(".");
    mac.addData(payload);
    return mac.result().toHex();
}

} // namespace

QByteArray sign(const QByteArray &payload, const QByteArray &secret, qint64 timestamp)
{
    return "t=" + QByteArray::number(timestamp) + ",v1=" + hmacHex(payload, secret, timestamp);
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

Status verify(const QByteArray &payload, const QByteArray &header, const QByteArray &secret,
              qint64 nowSeconds, qint64 toleranceSeconds)
{
    if (header.trimmed().isEmpty())
        return fail(errc::signatureMissing, u"the Stripe-Signature header is missing"_s);
    std::optional<qint64> timestamp;
    QList<QByteArray> signatures;
    for (const QByteArray &part : header.split(',')) {
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0)
            continue;
        const QByteArray key = part.first(eq).trimmed();
        const QByteArray value = part.sliced(eq + 1).trimmed();
        if (key == "t") {
            bool ok = false;
            const qint64 t = value.toLongLong(&ok);
            // Unix seconds are never negative; refusing them also keeps `now - t` below from
            // overflowing on a hostile header.
            if (ok && t >= 0)
                timestamp = t;
        } else if (key == "v1") {
            signatures.append(value);
        }
    }
    if (!timestamp || signatures.isEmpty())
        return fail(errc::signatureMalformed,
                    u"the Stripe-Signature header has no timestamp or no v1 signature"_s);
    if (qAbs(nowSeconds - *timestamp) > toleranceSeconds)
        return fail(errc::timestampOutsideTolerance,
                    u"the signature's timestamp is %1 s away from now (tolerance %2 s)"_s
                        .arg(nowSeconds - *timestamp)
                        .arg(toleranceSeconds));
    const QByteArray expected = hmacHex(payload, secret, *timestamp);
    bool matched = false;
    for (const QByteArray &candidate : std::as_const(signatures))
        matched |= constantTimeEquals(expected, candidate.toLower()); // no early exit
    if (!matched)
        return fail(errc::signatureMismatch, u"no v1 signature matches the payload"_s);
    return {};
}

} // namespace remise::webhook
