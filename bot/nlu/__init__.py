"""Rasa NLU components of the advisor (listed in config.yml by their module path).

Loading the intent classifier (scikit-learn, through joblib) imports `numpy.distutils.log`, whose import sets
the root logger to WARNING: Rasa's own INFO lines ("Rasa server is up and running") would vanish from then on.
Rasa imports this package before it loads the classifier, so importing that module here first, and putting the
root logger's level back, keeps Rasa's logging as configured. tests/nlu/test_logging.py fails if it stops working.
"""

import logging
import warnings

_level = logging.getLogger().level
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import numpy.distutils.log  # noqa: F401 - imported for its side effect on the root logger, undone below
logging.getLogger().setLevel(_level)
