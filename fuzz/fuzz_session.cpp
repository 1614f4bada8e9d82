// The Stripe session reader: any JSON object is read into a snapshot or refused.

#include "session.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>

using namespace remise;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (!document.isObject())
        return 0;
    (void)SessionSnapshot::fromStripe(document.object());
    return 0;
}
