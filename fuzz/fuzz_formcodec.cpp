// Form decoding (what the sandbox reads from every request): any body decodes or is refused;
// what decodes encodes back to a body that decodes to the same parameters.

#include "formcodec.h"

#include <cstdint>
#include <cstdlib>

using namespace remise;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView body(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto decoded = form::decode(body);
    if (!decoded)
        return 0;
    const auto again = form::decode(form::encode(*decoded));
    if (!again || *again != *decoded)
        std::abort();
    return 0;
}
