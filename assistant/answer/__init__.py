"""Answer: from passages to a cited answer. The LangChain pipeline (coverage, extractive and generative
answers, grounding of every sentence), quote choice and order, prompts, the chat-model backends, briefs."""
