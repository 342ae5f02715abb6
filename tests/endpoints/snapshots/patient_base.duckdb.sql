SELECT
  "t27"."patient_id",
  "t27"."arm",
  "t27"."modality",
  "t27"."graft_source",
  "t27"."second_infusion_day",
  "t27"."weight_kg",
  "t27"."death_day",
  "t27"."death_cause",
  "t27"."censor_day",
  "t27"."relapse_recorded_day",
  "t27"."relapse_day",
  "t27"."relapse_at_death",
  "t27"."origin_day"
FROM (
  SELECT
    "t26"."patient_id",
    "t26"."arm",
    "t26"."modality",
    "t26"."graft_source",
    "t26"."second_infusion_day",
    "t26"."treatment_start_day",
    "t26"."weight_kg",
    "t26"."randomisation_day",
    "t26"."death_day",
    "t26"."death_cause",
    COALESCE("t26"."censor_day", CAST("t26"."last_lab_day" AS BIGINT), 0) AS "censor_day",
    "t26"."relapse_recorded_day",
    "t26"."last_lab_day",
    CASE
      WHEN (
        "t26"."death_day" IS NOT NULL
      )
      AND "t26"."death_cause" IN ('relapse', 'progression')
      AND (
        (
          "t26"."relapse_recorded_day" IS NULL
        )
        OR (
          "t26"."relapse_recorded_day" > "t26"."death_day"
        )
      )
      THEN "t26"."death_day"
      ELSE "t26"."relapse_recorded_day"
    END AS "relapse_day",
    COALESCE(
      (
        "t26"."death_day" IS NOT NULL
      )
      AND "t26"."death_cause" IN ('relapse', 'progression')
      AND (
        (
          "t26"."relapse_recorded_day" IS NULL
        )
        OR (
          "t26"."relapse_recorded_day" > "t26"."death_day"
        )
      ),
      FALSE
    ) AS "relapse_at_death",
    0 AS "origin_day"
  FROM (
    SELECT
      "t25".*
      EXCLUDE ("patient_id_right")
    FROM (
      SELECT
        "t24"."patient_id",
        "t24"."arm",
        "t24"."modality",
        "t24"."graft_source",
        "t24"."second_infusion_day",
        "t24"."treatment_start_day",
        "t24"."weight_kg",
        "t24"."randomisation_day",
        "t24"."death_day",
        "t24"."death_cause",
        "t24"."censor_day",
        "t24"."relapse_recorded_day",
        "t9"."patient_id" AS "patient_id_right",
        "t9"."last_lab_day"
      FROM (
        SELECT
          "t22".*
          EXCLUDE ("patient_id_right")
        FROM (
          SELECT
            "t21"."patient_id",
            "t21"."arm",
            "t21"."modality",
            "t21"."graft_source",
            "t21"."second_infusion_day",
            "t21"."treatment_start_day",
            "t21"."weight_kg",
            "t21"."randomisation_day",
            "t21"."death_day",
            "t21"."death_cause",
            "t21"."censor_day",
            "t15"."patient_id" AS "patient_id_right",
            "t15"."relapse_recorded_day"
          FROM (
            SELECT
              "t19".*
              EXCLUDE ("patient_id_right")
            FROM (
              SELECT
                "t18"."patient_id",
                "t18"."arm",
                "t18"."modality",
                "t18"."graft_source",
                "t18"."second_infusion_day",
                "t18"."treatment_start_day",
                "t18"."weight_kg",
                "t18"."randomisation_day",
                "t14"."patient_id" AS "patient_id_right",
                "t14"."death_day",
                "t14"."death_cause",
                "t14"."censor_day"
              FROM (
                SELECT
                  "t16".*
                  EXCLUDE ("patient_id_right")
                FROM (
                  SELECT
                    "t10"."patient_id",
                    "t10"."arm",
                    "t10"."modality",
                    "t10"."graft_source",
                    "t10"."second_infusion_day",
                    "t10"."treatment_start_day",
                    "t11"."patient_id" AS "patient_id_right",
                    "t11"."weight_kg",
                    "t11"."randomisation_day"
                  FROM (
                    SELECT
                      "t3"."patient_id",
                      COALESCE("t3"."arm", "t3"."modality") AS "arm",
                      "t3"."modality",
                      "t3"."graft_source",
                      CAST("t3"."second_infusion_day" AS BIGINT) AS "second_infusion_day",
                      CAST("t3"."treatment_start_day" AS BIGINT) AS "treatment_start_day"
                    FROM "treatments" AS "t3"
                  ) AS "t10"
                  LEFT OUTER JOIN (
                    SELECT
                      "t4"."patient_id",
                      "t4"."weight_kg",
                      CAST("t4"."randomisation_day" AS BIGINT) AS "randomisation_day"
                    FROM "patients" AS "t4"
                  ) AS "t11"
                    ON "t10"."patient_id" = "t11"."patient_id"
                ) AS "t16"
              ) AS "t18"
              LEFT OUTER JOIN (
                SELECT
                  "t2"."patient_id",
                  CASE
                    WHEN "t2"."vital_status" = 'dead'
                    THEN COALESCE("t2"."death_day", "t2"."last_contact_day")
                    ELSE CAST(NULL AS BIGINT)
                  END AS "death_day",
                  CASE WHEN "t2"."vital_status" = 'dead' THEN "t2"."cause" ELSE CAST(NULL AS TEXT) END AS "death_cause",
                  GREATEST(
                    "t2"."last_contact_day",
                    COALESCE(
                      CASE
                        WHEN "t2"."vital_status" = 'dead'
                        THEN COALESCE("t2"."death_day", "t2"."last_contact_day")
                        ELSE CAST(NULL AS BIGINT)
                      END,
                      "t2"."last_contact_day"
                    )
                  ) AS "censor_day"
                FROM "followup" AS "t2"
              ) AS "t14"
                ON "t18"."patient_id" = "t14"."patient_id"
            ) AS "t19"
          ) AS "t21"
          LEFT OUTER JOIN (
            SELECT
              "t6"."patient_id",
              CAST(MIN("t6"."day") AS BIGINT) AS "relapse_recorded_day"
            FROM (
              SELECT
                *
              FROM "disease_assessments" AS "t1"
              WHERE
                "t1"."status" IN ('relapse', 'progression') AND "t1"."day" > 0
            ) AS "t6"
            GROUP BY
              1
          ) AS "t15"
            ON "t21"."patient_id" = "t15"."patient_id"
        ) AS "t22"
      ) AS "t24"
      LEFT OUTER JOIN (
        SELECT
          "t0"."patient_id",
          MAX("t0"."day") AS "last_lab_day"
        FROM "labs" AS "t0"
        GROUP BY
          1
      ) AS "t9"
        ON "t24"."patient_id" = "t9"."patient_id"
    ) AS "t25"
  ) AS "t26"
) AS "t27"
