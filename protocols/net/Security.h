#pragma once

namespace Petrel::Net {

// How a session is protected. None exists only for a user who explicitly opted out of encryption.
enum class Security {
    ImplicitTls, // TLS from the first byte (IMAPS 993, POP3S 995, submissions 465)
    StartTls,    // plaintext greeting, then the protocol's STARTTLS/STLS and Connection::startTls()
    None,
};

} // namespace Petrel::Net
