// libFuzzer target: the IMAP response parser (framer, tokenizer, every response kind) fed in
// chunks, with UTF-8 mailbox names on or off; small limits so the limit paths are reached too.
#include "FuzzInput.h"
#include "imap/ImapResponseParser.h"

using namespace Petrel::Imap;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = Fuzz::bytes(data, size);
    ImapParserLimits limits;
    limits.maxLineLength = 64 * 1024;
    limits.maxLiteralSize = 64 * 1024;
    limits.maxOtherLiteralSize = 4 * 1024;
    limits.maxResponseSize = 256 * 1024;
    limits.maxListItems = 10000;
    ImapResponseParser parser(limits);
    parser.setUtf8Enabled(!input.isEmpty() && (uchar(input.at(0)) & 0x80));
    for (const QByteArray &chunk : Fuzz::chunks(input)) {
        parser.feed(chunk);
        while (const auto response = parser.next())
            (void)response->tag;
        if (parser.hasError())
            break;
    }
    return 0;
}
