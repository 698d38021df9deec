package dev;

import java.net.Socket;
import java.net.SocketException;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHandler;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * GreenMail's IMAP server with TCP_NODELAY on its client sockets, as production IMAP servers
 * (Dovecot, Gmail) have it. Stock GreenMail leaves Nagle's algorithm on, and every response written
 * in more than one piece then waits ~40 ms for the client's delayed ACK: a test-server artefact
 * that would dominate every timing taken against it.
 */
final class NoDelayImapServer extends AbstractServer {

    NoDelayImapServer(ServerSetup setup, Managers managers) {
        super(setup, managers);
    }

    @Override
    protected ProtocolHandler createProtocolHandler(Socket socket) {
        return new ImapHandler(managers.getUserManager(), managers.getImapHostManager(), socket);
    }

    @Override
    protected void handleClientSocket(Socket socket) throws SocketException {
        socket.setTcpNoDelay(true);
        super.handleClientSocket(socket);
    }
}
