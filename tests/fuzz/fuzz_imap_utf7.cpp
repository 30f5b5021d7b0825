// libFuzzer target: the modified UTF-7 codec. Text that strict decoding accepts survives
// encode-then-decode unchanged; lenient decoding never fails; any valid UTF-16 text survives
// encode-then-decode unchanged.
#include "FuzzInput.h"
#include "imap/ImapModifiedUtf7.h"

#include <cstdlib>

using Petrel::Imap::ImapModifiedUtf7;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = Fuzz::bytes(data, size);
    if (const auto decoded = ImapModifiedUtf7::decode(input)) {
        const auto again = ImapModifiedUtf7::decode(ImapModifiedUtf7::encode(*decoded));
        if (!again || *again != *decoded)
            std::abort(); // what strict decoding accepted does not survive a round trip
    }
    (void)ImapModifiedUtf7::decodeLenient(input);
    // The same bytes read as UTF-16 text must round-trip; text with surrogates is left out (lone
    // ones are not valid text, and strict decoding refuses them by design).
    const QString text = QString::fromUtf16(reinterpret_cast<const char16_t *>(input.constData()), input.size() / 2);
    const QByteArray encoded = ImapModifiedUtf7::encode(text);
    const auto back = ImapModifiedUtf7::decode(encoded);
    bool surrogates = false;
    for (const QChar c : text)
        surrogates = surrogates || c.isSurrogate();
    if (!surrogates && (!back || *back != text))
        std::abort(); // valid text did not survive encode then decode
    return 0;
}
