// libFuzzer target: the POP3 reply parser (status lines, multi-line data, AUTH continuations) fed
// in chunks against a sequence of expected reply shapes, then the listing and CAPA parsers on
// what it returns.
#include "FuzzInput.h"
#include "pop3/Pop3Capabilities.h"
#include "pop3/Pop3ListingParser.h"
#include "pop3/Pop3ReplyParser.h"

using namespace Petrel::Pop3;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = Fuzz::bytes(data, size);
    Pop3Limits limits;
    limits.maxStatusLineLength = 512;
    limits.maxDataLineLength = 4096;
    limits.maxListingSize = 64 * 1024;
    Pop3ReplyParser parser(limits);
    // The second byte's bits choose the shapes of eight replies awaited in a row.
    const uchar shapes = input.size() > 1 ? uchar(input.at(1)) : 0;
    for (int i = 0; i < 8; ++i) {
        const int s = (shapes >> i) & 1 ? 1 : (i % 3 == 2 ? 2 : 0);
        parser.expect(s == 1 ? Pop3ReplyShape::MultiLine : s == 2 ? Pop3ReplyShape::Auth : Pop3ReplyShape::Status);
    }
    for (const QByteArray &chunk : Fuzz::chunks(input)) {
        parser.feed(chunk);
        while (parser.hasReply()) {
            const Pop3Reply reply = parser.takeReply();
            (void)Pop3ListingParser::parseStat(reply.text);
            (void)Pop3ListingParser::parseScanListings(reply.data);
            (void)Pop3ListingParser::parseUniqueIds(reply.data);
            (void)Pop3Capabilities::parse(reply.data);
        }
        if (parser.hasError())
            break;
    }
    parser.finish();
    return 0;
}
