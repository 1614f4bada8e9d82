// The Stripe session reader: any JSON object is read into a snapshot or refused.

#include "jsonreader.h"
#include "session.h"

#include <cstdint>

using namespace remise;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto reader = json::Reader::parse(bytes);
    if (!reader || !reader->root().isObject())
        return 0;
    (void)SessionSnapshot::fromStripe(reader->root());
    return 0;
}
