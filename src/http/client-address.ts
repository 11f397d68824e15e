// Who the client is, by network address: the socket's peer, or, when that peer is a trusted
// reverse proxy, the address the proxies recorded in X-Forwarded-For (walked from the nearest
// hop outwards, as Express does; proxy-addr matches addresses and subnets).
import proxyAddr from 'proxy-addr';

/** What Node's http server hands Yoga as server context (only the part read here). */
export interface NodeServerContext {
  req?: { socket?: { remoteAddress?: string | undefined } };
}

/** The key of requests that come with no socket: in-process calls through `yoga.fetch`. */
export const IN_PROCESS_CLIENT = 'in-process';

export function clientAddressResolver(trustedProxies: string[]) {
  const trusted = proxyAddr.compile(trustedProxies);
  return (request: Request, serverContext: NodeServerContext): string => {
    const peer = serverContext.req?.socket?.remoteAddress;
    if (!peer) return IN_PROCESS_CLIENT;
    const forwarded = (request.headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((hop) => hop.trim())
      .filter((hop) => hop !== '')
      .reverse();
    const hops = [peer, ...forwarded];
    let index = 0;
    while (index < hops.length - 1 && trusted(hops[index] as string, index)) index++;
    return hops[index] as string;
  };
}
