import 'llm-elements';
import 'llm-elements/web-llm';
