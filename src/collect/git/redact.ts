// Repository locations as reports may show them: never with credentials (one implementation, in model/).
export { isRemoteUrl as isRemote, redactUrl, redactUrls as redactText } from '../../model/repo-url.js';
