"""Training the learned half of the classifier: labelled data, frozen splits, the train command.

Not imported by the stream: the stages load only the model file it writes
(`services/classify/launch_model.bin`, see `services.classify.model`).
"""
