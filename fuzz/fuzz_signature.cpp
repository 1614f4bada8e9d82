// The `Stripe-Signature` header parser: the input's first line is the header, the rest the
// payload. A header signed by sign() for that payload always verifies.

#include "webhooksignature.h"

#include <cstdint>
#include <cstdlib>

using namespace remise;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = input.indexOf('\n');
    const QByteArray header = newline < 0 ? input : input.left(newline);
    const QByteArray payload = newline < 0 ? QByteArray() : input.mid(newline + 1);
    const QByteArray secret = "whsec_fuzz";
    constexpr qint64 now = 1'795'953'600;
    (void)webhook::verify(payload, header, secret, now);
    (void)webhook::verify(payload, header, secret, now, 0);
    if (!webhook::verify(payload, webhook::sign(payload, secret, now), secret, now))
        std::abort();
    return 0;
}
