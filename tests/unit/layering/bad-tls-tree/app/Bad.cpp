// Not compiled: the TLS guard's proof that it refuses an argument-less ignoreSslErrors().
void trustEverything(QSslSocket *socket)
{
    socket->ignoreSslErrors(
        );
}
