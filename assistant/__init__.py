"""Convention Assistant: cited, grounded answers about the UN Convention against Cybercrime, the Budapest
Convention and the debate around them."""

__version__ = "0.4.0"
