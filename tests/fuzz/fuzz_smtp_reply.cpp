// libFuzzer target: the SMTP reply parser (codes, continuations, enhanced status codes) fed in
// chunks, then EHLO capability parsing of every reply it returns.
#include "FuzzInput.h"
#include "smtp/SmtpCapabilities.h"
#include "smtp/SmtpReplyParser.h"

using namespace Petrel::Smtp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = Fuzz::bytes(data, size);
    SmtpLimits limits;
    limits.maxLineLength = 1024;
    limits.maxLinesPerReply = 100;
    SmtpReplyParser parser(limits);
    parser.setEnhancedStatusCodes(!input.isEmpty() && (uchar(input.at(0)) & 0x80));
    for (const QByteArray &chunk : Fuzz::chunks(input)) {
        parser.feed(chunk);
        while (parser.hasReply())
            (void)SmtpCapabilities::fromEhlo(parser.takeReply());
        if (parser.hasError())
            break;
    }
    return 0;
}
