// libFuzzer target: the MIME layer (GMime through MessageParser and the part walker) on a raw
// message, with the default limits a real message gets.
#include "FuzzInput.h"
#include "mime/MessageParser.h"

using namespace Petrel::Mime;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const ParseResult result = MessageParser::parse(Fuzz::bytes(data, size));
    (void)result;
    return 0;
}
