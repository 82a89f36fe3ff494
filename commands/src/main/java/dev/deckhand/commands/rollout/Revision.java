package dev.deckhand.commands.rollout;

/** One entry of a deployment's rollout history: a ReplicaSet's revision, image and change-cause. */
public record Revision(long number, String image, String changeCause, boolean current) {}
