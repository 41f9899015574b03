// The one place transformers.js is imported and configured: models load only from folders on this
// machine (remote loading off), so a run never reaches a model hub.
import { env } from "@huggingface/transformers";

env.allowRemoteModels = false;
env.allowLocalModels = true;
// Registered folders are absolute paths, which transformers.js reads as they are; nothing resolves
// against the default `localModelPath` (a folder inside node_modules).
env.localModelPath = "/";

export { AutoModel, AutoModelForSequenceClassification, AutoTokenizer, env, type PreTrainedModel, type PreTrainedTokenizer, type Tensor } from "@huggingface/transformers";
