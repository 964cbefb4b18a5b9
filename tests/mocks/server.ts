// Outbound HTTP in tests goes through msw. No handler yet: the product calls no outside service
// so far, and any request a test makes by accident fails loudly instead of reaching the network.
import { setupServer } from "msw/node";

export const mockServer = setupServer();
